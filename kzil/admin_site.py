from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class KzilAdminSite(admin.AdminSite):
    site_header = "kzil — Kazakhstan–Israel relations"
    site_title = "kzil admin"
    index_title = "Curation"

    def get_app_list(self, request, app_label=None):
        """Show how many claims wait for this reviewer next to the review queue."""
        from relations.models import ClaimInReview

        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["object_name"] == "ClaimInReview":
                    count = ClaimInReview.objects.awaiting_review_by(request.user).count()
                    model["name"] = f"Review queue ({count})"
        return app_list


class KzilAdminConfig(AdminConfig):
    default_site = "kzil.admin_site.KzilAdminSite"
