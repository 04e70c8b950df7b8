"""The sociale kaart in Django's admin.

The admin is a write path too: every save or delete of a service, organisation or location
refreshes the search index (and through it the matcher's) the way the editor's approvals do
(``services.search_index_refresh``, after the transaction commits)."""

from django.contrib import admin

from .models import (
    ChangeRequest,
    District,
    Location,
    Organization,
    OutdatedReport,
    PostcodeArea,
    Schedule,
    Service,
    ServiceAtLocation,
    SupportPoint,
    Taxonomy,
    TaxonomyTerm,
)
from .services import search_index_refresh


class ReindexingAdmin(admin.ModelAdmin):
    """Refreshes the search index for what a save or delete touched."""

    index_key = "service_ids"

    def _refresh(self, pks) -> None:
        search_index_refresh(**{self.index_key: list(pks)})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # inlines: schedules, places
        self._refresh([form.instance.pk])

    def delete_model(self, request, obj):
        pk = obj.pk
        affected = self._affected([pk])
        super().delete_model(request, obj)
        search_index_refresh(service_ids=affected)

    def delete_queryset(self, request, queryset):
        affected = self._affected(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)
        search_index_refresh(service_ids=affected)

    def _affected(self, pks) -> list:
        """The services whose index entries a delete changes, found before it happens."""
        if self.index_key == "service_ids":
            return list(pks)
        filters = {
            "organization_ids": "organization_id__in",
            "location_ids": "service_at_locations__location_id__in",
        }
        return list(
            Service.objects.filter(**{filters[self.index_key]: pks}).values_list("pk", flat=True)
        )


@admin.register(Organization)
class OrganizationAdmin(ReindexingAdmin):
    index_key = "organization_ids"
    list_display = ["name", "email", "website"]
    search_fields = ["name", "alternate_name"]


class ScheduleInline(admin.TabularInline):
    model = Schedule
    fk_name = "service"
    extra = 0
    fields = ["freq", "interval", "byday", "opens_at", "closes_at", "description"]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]


@admin.register(Service)
class ServiceAdmin(ReindexingAdmin):
    list_display = ["name", "organization", "status", "assured_date"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["organization"]
    inlines = [ServiceAtLocationInline, ScheduleInline]


@admin.register(Location)
class LocationAdmin(ReindexingAdmin):
    index_key = "location_ids"

    list_display = ["name", "organization", "district"]
    search_fields = ["name"]


@admin.register(SupportPoint)
class SupportPointAdmin(admin.ModelAdmin):
    """Marking a location as a laagdrempelig steunpunt goes through the service (audited)."""

    list_display = [
        "location",
        "days_open_per_week",
        "own_location",
        "led_by_experts_by_experience",
        "independent",
    ]
    autocomplete_fields = ["location"]

    def save_model(self, request, obj, form, change):
        from .services import SUPPORT_POINT_FIELDS, support_point_save

        saved = support_point_save(
            location=obj.location,
            by=request.user,
            **{name: getattr(obj, name) for name in SUPPORT_POINT_FIELDS},
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        from .services import support_point_remove

        support_point_remove(location=obj.location, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("location"):
            self.delete_model(request, obj)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "municipality", "population"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(PostcodeArea)
admin.site.register(Taxonomy)
admin.site.register(TaxonomyTerm)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "status", "submitted_at"]
    list_filter = ["status", "kind"]


@admin.register(OutdatedReport)
class OutdatedReportAdmin(admin.ModelAdmin):
    list_display = ["service", "status", "reported_at"]
    list_filter = ["status"]
