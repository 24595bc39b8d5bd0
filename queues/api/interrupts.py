"""POST /api/v1/interrupts/ack-all: "Acknowledge all" of the interrupt dialog."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from queues.api import schemas
from queues.services import delivery


class AckAllInput(serializers.Serializer):
    # an id past the column's range would reach the database as an error (a 500): bound it here
    deliveries = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=500
    )


class InterruptAckAllView(APIView):
    @extend_schema(
        operation_id="interrupt_ack_all",
        summary="Acknowledge all your pending interrupts",
        request=AckAllInput,
        responses=schemas.answers(schemas.InterruptAckAllSerializer, errors=(400,)),
    )
    def post(self, request):
        data = AckAllInput(data=request.data)
        data.is_valid(raise_exception=True)
        done = delivery.interrupt_acknowledge_all(user=request.user, delivery_ids=data.validated_data.get("deliveries"))
        return Response({"acknowledged": [d.pk for d in done]})
