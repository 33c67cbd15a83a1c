"""The admin panels of a place's hours: rows of slots and closures that forgive a blank row."""

from wagtail.admin.panels import InlinePanel, get_form_for_model

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
