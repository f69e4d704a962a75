from django.contrib import admin

from measures.models import Aggregate, DataValue, Indicator, Submission, SubmissionEvent


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "level", "period_type"]
    list_filter = ["unit", "level", "period_type"]
    search_fields = ["code", "name"]
    filter_horizontal = ["reporting_organizations"]


class DataValueInline(admin.TabularInline):
    model = DataValue
    extra = 0
    readonly_fields = ["indicator", "numerator", "denominator", "value"]
    can_delete = False


class EventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ["action", "actor", "at", "comment"]
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["organization", "period_type", "period_start", "status"]
    list_filter = ["status", "period_type"]
    readonly_fields = ["status", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"]
    inlines = [DataValueInline, EventInline]


@admin.register(Aggregate)
class AggregateAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period_start", "scope_type", "value", "reported", "expected"]
    list_filter = ["scope_type", "period_type"]
