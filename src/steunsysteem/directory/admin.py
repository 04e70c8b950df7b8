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


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "population"]
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
