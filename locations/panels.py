"""The admin panels of a place's hours (rows of slots and closures that forgive a blank row),
and the scheduling panel of a club's page."""

from wagtail.admin.panels import FieldPanel, InlinePanel, PublishingPanel, get_form_for_model

from .forms import RowForm


class RowsInlinePanel(InlinePanel):
    """An InlinePanel whose add button says what it adds in French (« Ajouter un créneau »,
    not Wagtail's « Ajouter un(e) Créneau ») and whose blank new rows are ignored (forms.RowForm)."""

    def __init__(self, relation_name, *args, add_label="", **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["add_label"] = self.add_label
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = get_form_for_model(
            self.db_field.related_model,
            form_class=RowForm,
            fields=formset["fields"],
            widgets=formset["widgets"],
        )
        return options


class TerritoryPublishingPanel(PublishingPanel):
    """« Planification » of a club's page: only an administrator may schedule its expiry, which
    publish_scheduled would carry out by taking the whole club offline. Without the permission
    the field is neither shown nor read from the form (Wagtail's FieldPanel permission)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [
            FieldPanel(child.field_name, widget=child.widget, permission="superuser")
            if child.field_name == "expire_at"
            else child
            for child in self.children
        ]
