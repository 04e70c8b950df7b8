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


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "assured_date"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["organization"]
    inlines = [ServiceAtLocationInline, ScheduleInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
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
