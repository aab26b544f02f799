from .actors import Actor, ActorAlias, Affiliation
from .base import ConcurrentEdit
from .claims import Claim, ClaimInReview, Figure, InvalidTransition
from .dates import PartialDate, Precision
from .events import Event, EventParticipant
from .publication import PublicationVersion
from .sources import Source
from .suggestions import AlreadyDecided, Suggestion
from .vocabulary import Metric, Topic

__all__ = [
    "Actor",
    "ActorAlias",
    "Affiliation",
    "AlreadyDecided",
    "Claim",
    "ClaimInReview",
    "ConcurrentEdit",
    "Event",
    "EventParticipant",
    "Figure",
    "InvalidTransition",
    "Metric",
    "PartialDate",
    "Precision",
    "PublicationVersion",
    "Source",
    "Suggestion",
    "Topic",
]
