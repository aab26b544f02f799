"""What every kzil ModelAdmin does: bad input is a clear message, never a 500."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import EmptyResultSet, FullResultSet, PermissionDenied
from django.shortcuts import redirect

from relations.models import ConcurrentEdit


class GuardedChangeList(ChangeList):
    """A crafted query string (?created_at__year=9999, ?source__slug=%00) is a bad lookup, not a crash.

    Django's admin answers a bad lookup with a redirect to ?e=1 ("Database error"); some values only fail
    when the query is compiled (a year past 9999) or run (NUL, which PostgreSQL refuses), after that check.
    """

    def get_queryset(self, request, exclude_parameters=None):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters("A NUL character in the query string.")
        try:
            # Django computes the date hierarchy's end (year + 1) outside its own check of the values.
            queryset = super().get_queryset(request, exclude_parameters)
            queryset.query.get_compiler(queryset.db).as_sql()
        except (EmptyResultSet, FullResultSet):
            pass
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


class GuardedAdmin:
    """Mixed into every ModelAdmin of relations, before Django's or simple-history's admin class."""

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEdit as error:
            # Lost the race between the form's version check and the save: the transaction rolled back.
            self.message_user(request, str(error), messages.ERROR)
            return redirect(request.path)

    # simple-history's "Revert" saves an old row whole, its review status included: an editor could put
    # back an approved version (and its status) past the review workflow. History is for reading here.

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
