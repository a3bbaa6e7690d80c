from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "hicoop.taxonomy"
    label = "taxonomy"
    verbose_name = _("Taxonomy")

    def ready(self) -> None:
        from hicoop.core.panels import register_home_part
        from hicoop.taxonomy.pickers import register_sources
        from hicoop.taxonomy.selectors import home_part

        register_home_part(home_part)
        register_sources()
