from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """Liveness for a load balancer, and the benchmark's floor: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
