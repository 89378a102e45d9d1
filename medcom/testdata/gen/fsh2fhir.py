#!/usr/bin/env python3
"""Writes the HospitalNotification example Bundles of MedCom's FSH sources
(medcomdk/dk-medcom-hospitalnotification, input/fsh) as FHIR JSON and XML.

Usage: fsh2fhir.py ALL.fsh OUTDIR BUNDLE-ID=NAME...

ALL.fsh is the concatenation of the repository's input/fsh/*.fsh. Only the
element paths those examples use are mapped; the narrative is left out.
"""
import json, re, sys
from xml.sax.saxutils import quoteattr

ALIASES = {
    "$ActCodes": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "$MessageEvents": "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes",
    "$ActivityCode": "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes",
    "$Use": "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse",
}
TYPES = {
    "MedComCorePatient": "Patient", "MORS": "Patient", "MedComMessagingOrganization": "Organization",
    "MedComCoreOrganization": "Organization", "MedComHospitalNotificationEncounter": "Encounter",
    "MedComHospitalNotificationMessageHeader": "MessageHeader", "MedComMessagingProvenance": "Provenance",
    "MedComHospitalNotificationMessage": "Bundle",
}
PROFILES = {
    "Patient": "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient",
    "Organization": "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization",
    "Encounter": "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-encounter",
    "MessageHeader": "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-messageHeader",
    "Provenance": "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance",
    "Bundle": "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message",
}
HN = "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/"

def parse(text):
    insts, cur = {}, None
    for line in text.splitlines():
        line = line.split(" //")[0].rstrip()
        m = re.match(r"^Instance:\s*(\S+)", line)
        if m:
            cur = {"name": m.group(1), "of": None, "rules": []}
            insts[cur["name"]] = cur
            continue
        if cur is None:
            continue
        m = re.match(r"^InstanceOf:\s*(\S+)", line)
        if m:
            cur["of"] = m.group(1)
            continue
        m = re.match(r"^\* (\S+) = (.+)$", line)
        if m:
            cur["rules"].append((m.group(1), m.group(2).strip()))
    return insts

def val(v):
    if v.startswith('"'):
        return v.strip('"')
    return v

def code(v):
    sys_, _, c = v.partition("#")
    return ALIASES.get(sys_, sys_), c

def rules(inst, prefix):
    return [(p, v) for p, v in inst["rules"] if p.startswith(prefix)]

def get(inst, path):
    for p, v in inst["rules"]:
        if p == path:
            return v
    return None

class Gen:
    def __init__(self, insts):
        self.insts = insts

    def ref(self, v):
        name = re.match(r"Reference\((\S+)\)", v).group(1)
        return {"reference": TYPES[self.insts[name]["of"]] + "/" + name}

    def resource(self, name):
        inst = self.insts[name]
        kind = TYPES[inst["of"]]
        r = {"resourceType": kind, "id": name, "meta": {"profile": [PROFILES[kind]]}}
        getattr(self, kind)(inst, r)
        return r

    def Patient(self, i, r):
        r["identifier"] = [{"system": val(get(i, "identifier[cpr].system")), "value": val(get(i, "identifier[cpr].value"))}]
        n = {"use": code(get(i, "name[official].use"))[1], "family": val(get(i, "name[official].family"))}
        if get(i, "name[official].given"):
            n["given"] = [val(get(i, "name[official].given"))]
        r["name"] = [n]
        if get(i, "deceasedBoolean"):
            r["deceasedBoolean"] = get(i, "deceasedBoolean") == "true"

    def Organization(self, i, r):
        ids = []
        if get(i, "identifier[EAN-ID].value"):
            ids.append({"system": "https://www.gs1.org/gln", "value": val(get(i, "identifier[EAN-ID].value"))})
        if get(i, "identifier[SOR-ID].value"):
            ids.append({"system": "urn:oid:1.2.208.176.1.1", "value": val(get(i, "identifier[SOR-ID].value"))})
        r["identifier"] = ids
        r["name"] = val(get(i, "name"))

    def MessageHeader(self, i, r):
        ext = []
        if get(i, "extension[reportOfAdmissionFlag].valueBoolean"):
            ext.append({"url": HN + "medcom-messaging-reportOfAdmissionExtension",
                        "valueBoolean": get(i, "extension[reportOfAdmissionFlag].valueBoolean") == "true"})
        if get(i, "extension[reportOfAdmissionRecipient].valueReference"):
            ext.append({"url": HN + "medcom-messaging-reportOfAdmissionRecipientExtension",
                        "valueReference": self.ref(get(i, "extension[reportOfAdmissionRecipient].valueReference"))})
        if ext:
            r["extension"] = ext
        s, c = code(get(i, "eventCoding"))
        r["eventCoding"] = {"system": s, "code": c}
        r["destination"] = [{
            "extension": [{"url": "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension",
                           "valueCoding": {"system": ALIASES["$Use"], "code": "primary"}}],
            "endpoint": val(get(i, "destination[primary].endpoint")),
            "receiver": self.ref(get(i, "destination[primary].receiver"))}]
        r["sender"] = self.ref(get(i, "sender"))
        r["source"] = {"endpoint": val(get(i, "source.endpoint"))}
        r["focus"] = [self.ref(get(i, "focus"))]

    def Encounter(self, i, r):
        leave = {}
        for p, v in rules(i, "extension[leavePeriod].valuePeriod."):
            leave[p.rsplit(".", 1)[1]] = val(v)
        if leave:
            r["extension"] = [{"url": HN + "medcom-hospitalnotifiation-leave-period-extension", "valuePeriod": leave}]
        r["status"] = code(get(i, "status"))[1]
        s, c = code(get(i, "class"))
        r["class"] = {"system": s, "code": c}
        r["subject"] = self.ref(get(i, "subject"))
        eocs = []
        for p, v in rules(i, "episodeOfCare"):
            if p.startswith("episodeOfCare[+]") or not eocs:
                eocs.append({})
            eocs[-1][p.rsplit(".", 1)[1]] = val(v)
        r["episodeOfCare"] = [{"identifier": {"system": e["system"], "value": e["value"]}} for e in eocs]
        per = {"start": val(get(i, "period.start"))}
        if get(i, "period.end"):
            per["end"] = val(get(i, "period.end"))
        r["period"] = per
        r["serviceProvider"] = self.ref(get(i, "serviceProvider"))

    def Provenance(self, i, r):
        r["target"] = [self.ref(get(i, "target"))]
        r["occurredDateTime"] = val(get(i, "occurredDateTime"))
        r["recorded"] = val(get(i, "recorded"))
        s, c = code(get(i, "activity.coding"))
        r["activity"] = {"coding": [{"system": s, "code": c}]}
        r["agent"] = [{"who": self.ref(get(i, "agent.who"))}]
        if get(i, "entity.role"):
            e = {"role": code(get(i, "entity.role"))[1]}
            if get(i, "entity.what"):
                e["what"] = self.ref(get(i, "entity.what"))
            r["entity"] = [e]

    def Bundle(self, i, r):
        r["type"] = "message"
        r["timestamp"] = val(get(i, "timestamp"))
        entries, url = [], None
        for p, v in i["rules"]:
            if p.endswith(".fullUrl"):
                url = val(v)
            elif p.endswith(".resource"):
                entries.append({"fullUrl": url, "resource": self.resource(v)})
        r["entry"] = entries

def xml(obj, name, depth, out):
    pad = "  " * depth
    if isinstance(obj, list):
        for o in obj:
            xml(o, name, depth, out)
        return
    if isinstance(obj, dict):
        attrs = ""
        items = list(obj.items())
        if name == "extension" and "url" in obj:
            attrs = " url=" + quoteattr(obj["url"])
            items = [(k, v) for k, v in items if k != "url"]
        out.append(f"{pad}<{name}{attrs}>")
        if "resourceType" in obj:
            kind = obj["resourceType"]
            out.append(f"{pad}  <{kind}>")
            for k, v in items:
                if k != "resourceType":
                    xml(v, k, depth + 2, out)
            out.append(f"{pad}  </{kind}>")
        else:
            for k, v in items:
                xml(v, k, depth + 1, out)
        out.append(f"{pad}</{name}>")
        return
    if isinstance(obj, bool):
        obj = "true" if obj else "false"
    out.append(f"{pad}<{name} value={quoteattr(str(obj))}/>")

def main():
    insts = parse(open(sys.argv[1], encoding="utf-8").read())
    g = Gen(insts)
    for arg in sys.argv[3:]:
        bid, name = arg.split("=")
        b = g.resource(bid)
        with open(f"{sys.argv[2]}/{name}.json", "w", encoding="utf-8") as f:
            json.dump(b, f, indent=2, ensure_ascii=False)
            f.write("\n")
        out = ['<?xml version="1.0" encoding="UTF-8"?>', '<Bundle xmlns="http://hl7.org/fhir">']
        for k, v in b.items():
            if k != "resourceType":
                xml(v, k, 1, out)
        out.append("</Bundle>")
        with open(f"{sys.argv[2]}/{name}.xml", "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")

main()
