"""A structural validator for xAPI 1.0.3 statements (the parts negotiation-sim writes, and their rules).

Written for the tests, from the xAPI 1.0.3 specification (Data, part two): allowed properties, required
properties, one inverse functional identifier per Agent, IRIs and IRLs, language maps, UUIDs, the score
rules (scaled in −1…1, min < max, raw within them), ISO 8601 timestamps and durations, context activities.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {
    "name",
    "description",
    "type",
    "moreInfo",
    "extensions",
    "interactionType",
    "correctResponsesPattern",
    "choices",
    "scale",
    "source",
    "target",
    "steps",
}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
IRL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
DURATION = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _uuid(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}"
        r"-[0-9a-f]{12}",
        value,
    ):
        return False
    return str(uuid.UUID(value)) == value


def _lang_map(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        errors.append(f"{where}: a language map must be a non-empty object")
        return
    for tag, text in value.items():
        if not LANG_TAG.match(str(tag)):
            errors.append(f"{where}: {tag!r} is not an RFC 5646 language tag")
        if not isinstance(text, str):
            errors.append(f"{where}.{tag}: must be a string")


def _extensions(value: Any, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict):
        errors.append(f"{where}: extensions must be an object")
        return
    for key in value:
        if not IRI.match(str(key)):
            errors.append(f"{where}: extension key {key!r} is not an IRI")


def _unknown(obj: dict[str, Any], allowed: set[str], where: str, errors: list[str]) -> None:
    for key in obj:
        if key not in allowed:
            errors.append(f"{where}: unknown property {key!r}")


def _agent(actor: Any, where: str, errors: list[str]) -> None:
    if not isinstance(actor, dict):
        errors.append(f"{where}: must be an object")
        return
    _unknown(actor, AGENT_KEYS, where, errors)
    if actor.get("objectType", "Agent") != "Agent":
        errors.append(f"{where}.objectType: must be 'Agent'")
    ifis = [k for k in IFIS if k in actor]
    if len(ifis) != 1:
        errors.append(f"{where}: an Agent needs exactly one identifier of {IFIS}, found {ifis}")
    if "name" in actor and not isinstance(actor["name"], str):
        errors.append(f"{where}.name: must be a string")
    if "mbox" in actor and not str(actor["mbox"]).startswith("mailto:"):
        errors.append(f"{where}.mbox: must be a mailto IRI")
    if "account" in actor:
        account = actor["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            errors.append(f"{where}.account: must have exactly homePage and name")
        else:
            if not IRL.match(str(account["homePage"])):
                errors.append(f"{where}.account.homePage: not an IRL")
            if not isinstance(account["name"], str) or not account["name"]:
                errors.append(f"{where}.account.name: must be a non-empty string")


def _activity(obj: Any, where: str, errors: list[str]) -> None:
    if not isinstance(obj, dict):
        errors.append(f"{where}: must be an object")
        return
    _unknown(obj, ACTIVITY_KEYS, where, errors)
    if obj.get("objectType", "Activity") != "Activity":
        errors.append(f"{where}.objectType: must be 'Activity'")
    if not IRI.match(str(obj.get("id", ""))):
        errors.append(f"{where}.id: not an IRI")
    definition = obj.get("definition")
    if definition is None:
        return
    if not isinstance(definition, dict):
        errors.append(f"{where}.definition: must be an object")
        return
    _unknown(definition, DEFINITION_KEYS, f"{where}.definition", errors)
    for key in ("name", "description"):
        if key in definition:
            _lang_map(definition[key], f"{where}.definition.{key}", errors)
    if "type" in definition and not IRI.match(str(definition["type"])):
        errors.append(f"{where}.definition.type: not an IRI")
    if "moreInfo" in definition and not IRL.match(str(definition["moreInfo"])):
        errors.append(f"{where}.definition.moreInfo: not an IRL")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{where}.definition.extensions", errors)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _result(result: Any, errors: list[str]) -> None:
    if not isinstance(result, dict):
        errors.append("result: must be an object")
        return
    _unknown(result, RESULT_KEYS, "result", errors)
    score = result.get("score")
    if score is not None:
        if not isinstance(score, dict):
            errors.append("result.score: must be an object")
        else:
            _unknown(score, SCORE_KEYS, "result.score", errors)
            for key in score:
                if not _number(score[key]):
                    errors.append(f"result.score.{key}: must be a number")
            if _number(score.get("scaled")) and not -1 <= score["scaled"] <= 1:
                errors.append("result.score.scaled: must lie in -1..1")
            low, high, raw = score.get("min"), score.get("max"), score.get("raw")
            if _number(low) and _number(high) and not low < high:
                errors.append("result.score: min must be less than max")
            if _number(raw) and ((_number(low) and raw < low) or (_number(high) and raw > high)):
                errors.append("result.score.raw: must lie between min and max")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            errors.append(f"result.{key}: must be true or false")
    if "response" in result and not isinstance(result["response"], str):
        errors.append("result.response: must be a string")
    if "duration" in result and not DURATION.match(str(result["duration"])):
        errors.append(f"result.duration: {result['duration']!r} is not an ISO 8601 duration")
    if "extensions" in result:
        _extensions(result["extensions"], "result.extensions", errors)


def _context(context: Any, errors: list[str]) -> None:
    if not isinstance(context, dict):
        errors.append("context: must be an object")
        return
    _unknown(context, CONTEXT_KEYS, "context", errors)
    if "registration" in context and not _uuid(context["registration"]):
        errors.append("context.registration: not a UUID")
    if "language" in context and not LANG_TAG.match(str(context["language"])):
        errors.append("context.language: not an RFC 5646 tag")
    for key in ("platform", "revision"):
        if key in context and not isinstance(context[key], str):
            errors.append(f"context.{key}: must be a string")
    activities = context.get("contextActivities")
    if activities is not None:
        if not isinstance(activities, dict):
            errors.append("context.contextActivities: must be an object")
        else:
            _unknown(activities, CONTEXT_ACTIVITY_KEYS, "context.contextActivities", errors)
            for key, value in activities.items():
                for n, activity in enumerate(value if isinstance(value, list) else [value]):
                    _activity(activity, f"context.contextActivities.{key}[{n}]", errors)
    if "extensions" in context:
        _extensions(context["extensions"], "context.extensions", errors)


def validate_statement(statement: Any) -> list[str]:
    """Every way `statement` breaks the xAPI 1.0.3 statement structure (empty when it is valid)."""
    errors: list[str] = []
    if not isinstance(statement, dict):
        return ["a statement must be a JSON object"]
    _unknown(statement, STATEMENT_KEYS, "statement", errors)
    for key in ("actor", "verb", "object"):
        if key not in statement:
            errors.append(f"statement: missing {key}")
    if "id" in statement and not _uuid(statement["id"]):
        errors.append("id: not a UUID")
    if "timestamp" in statement:
        stamp = str(statement["timestamp"])
        if not TIMESTAMP.match(stamp):
            errors.append(f"timestamp: {stamp!r} is not an ISO 8601 date-time with a time zone")
        else:
            datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if "actor" in statement:
        _agent(statement["actor"], "actor", errors)
    verb = statement.get("verb")
    if isinstance(verb, dict):
        _unknown(verb, {"id", "display"}, "verb", errors)
        if not IRI.match(str(verb.get("id", ""))):
            errors.append("verb.id: not an IRI")
        if "display" in verb:
            _lang_map(verb["display"], "verb.display", errors)
    elif "verb" in statement:
        errors.append("verb: must be an object")
    if "object" in statement:
        _activity(statement["object"], "object", errors)
    if "result" in statement:
        _result(statement["result"], errors)
    if "context" in statement:
        _context(statement["context"], errors)
    return errors
