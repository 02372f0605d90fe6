from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from hague_portal.reference.selectors import reference_data

from .forms import FeeCalculatorForm, with_defaults
from .selectors import (
    fee_comparison,
    locarno_choices,
    party_choices,
    priority_matters,
    reduction_choices,
)


@require_GET
@vary_on_headers("HX-Request")
def calculator(request):
    """Public fee calculator: a GET form, so a result is a shareable link; htmx gets the results."""
    ref = reference_data()
    choices = {
        "parties": party_choices(ref),
        "locarno_classes": locarno_choices(ref),
        "reductions": reduction_choices(ref),
        "priority_matters": priority_matters(ref),
    }
    data = with_defaults(request.GET) if request.GET else None
    form = FeeCalculatorForm(data, **choices)
    comparison = None
    if form.is_bound and form.is_valid():
        inputs = {**form.cleaned_data, "fee_reductions": form.fee_reductions()}
        comparison = fee_comparison(inputs=inputs, sets=form.designation_sets(), ref=ref)
    template = "calculator/_results.html" if request.htmx else "calculator/calculator.html"
    return render(request, template, {"form": form, "comparison": comparison})
