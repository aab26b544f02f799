"""Every change page of a versioned record: a save that lost the race reports it instead of a 500."""

from django.contrib import messages
from django.shortcuts import redirect

from relations.models import ConcurrentEdit


class ConcurrentEditAdmin:
    """Mixed into each ModelAdmin whose model is a VersionedModel (the form checks first, the save again)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConcurrentEdit as error:
            # Lost the race between the form's version check and the save: the transaction rolled back.
            self.message_user(request, str(error), messages.ERROR)
            return redirect(request.path)
