import { describe, expect, it } from "vitest";
import type { Fmt } from "../types.js";
import {
  type Contact,
  type ContactGroup,
  decodeContacts,
  decodeDocument,
  decodeDoneReply,
  decodeError,
  decodeGroups,
  decodeIdReply,
  decodeOpTemplates,
  decodeSenders,
  encodeContacts,
  encodeDocument,
  encodeDoneReply,
  encodeError,
  encodeGroups,
  encodeIdReply,
  encodeOpTemplates,
  encodeSenders,
  type OpTemplate,
  type SenderName,
  type SubclientDocument,
} from "./index.js";

const FMTS: Fmt[] = [0, 1, 2, 3];

const aigerim: Contact = {
  id: 7,
  phones: ["77011234567", "77017654321"],
  name: "Айгерим, Алматы",
  groups: [1, 3],
  mails: ["a@example.kz"],
  otherPhones: [],
  firstName: "Aigerim",
  middleName: "",
  lastName: "Ospanova",
  fullName: "",
  birthday: "01.02.1990",
  myId: "crm-1",
  comment: "VIP <gold> & co",
  tags: ["vip", "kz"],
  limit: "",
};
const bob: Contact = { ...aigerim, id: 8, phones: ["77021234567"], name: "Bob", groups: [], tags: [] };

describe("id and done replies", () => {
  it("write a created record's id as the documented `ID = <id>` and its analogues", () => {
    expect(encodeIdReply(12, 0)).toBe("ID = 12");
    expect(encodeIdReply(12, 1)).toBe("12");
    expect(encodeIdReply(12, 2)).toBe("<result>\n<id>12</id>\n</result>");
    expect(encodeIdReply(12, 3)).toBe('{"id":12}');
    for (const fmt of FMTS) expect(decodeIdReply(encodeIdReply(12, fmt), fmt)).toEqual({ id: 12 });
  });

  it("write OK for a change and read it back; errors of the script's table come through as errors", () => {
    expect(FMTS.map(encodeDoneReply)).toEqual(["OK", "1", "<result>OK</result>", '{"result":"OK"}']);
    for (const fmt of FMTS) {
      expect(decodeDoneReply(encodeDoneReply(fmt), fmt)).toBe(true);
      const err = encodeError({ error: "records not found", code: 3 }, fmt);
      expect(decodeDoneReply(err, fmt)).toMatchObject({ code: 3 });
      expect(decodeIdReply(err, fmt)).toMatchObject({ code: 3 });
      expect(decodeContacts(err, fmt)).toMatchObject({ code: 3 });
    }
  });

  it("call anything else malformed (code 0), never an id or a success", () => {
    expect(decodeIdReply("ID = x", 0)).toMatchObject({ code: 0 });
    expect(decodeIdReply("{}", 3)).toMatchObject({ code: 0 });
    expect(decodeDoneReply("NO", 0)).toMatchObject({ code: 0 });
    expect(decodeDoneReply('{"result":"no"}', 3)).toMatchObject({ code: 0 });
    expect(decodeContacts("{}", 3)).toMatchObject({ code: 0 });
    expect(decodeContacts("<x/>", 2)).toMatchObject({ code: 0 });
  });
});

describe("listings", () => {
  it("round-trip contacts in fmt=0, 2 and 3 with every field, commas, escapes and Cyrillic", () => {
    for (const fmt of [0, 2, 3] as Fmt[])
      expect(decodeContacts(encodeContacts([aigerim, bob], fmt), fmt), `fmt=${fmt}`).toEqual([aigerim, bob]);
  });

  it("write fmt=1 as the id, numbers, groups and name columns, lists joined with ';', the name last", () => {
    const body = encodeContacts([aigerim, bob], 1);
    expect(body).toBe("7,77011234567;77017654321,1;3,Айгерим, Алматы\n8,77021234567,,Bob");
    expect(decodeContacts(body, 1)).toEqual([
      { id: 7, phones: aigerim.phones, groups: [1, 3], name: "Айгерим, Алматы" },
      { id: 8, phones: ["77021234567"], groups: [], name: "Bob" },
    ]);
  });

  it("write fmt=0 as key = value lines and XML items named for the record", () => {
    expect(encodeGroups([{ id: 1, name: "Клиенты", num: 5, type: 0, members: 2 }], 0)).toBe(
      "id = 1, name = Клиенты, num = 5, type = 0, cnt = 2",
    );
    expect(encodeGroups([{ id: 1, name: "a&b", num: 5, type: 1, members: 0 }], 2)).toBe(
      "<result>\n<group>\n<id>1</id>\n<name>a&amp;b</name>\n<num>5</num>\n<type>1</type>\n<cnt>0</cnt>\n</group>\n</result>",
    );
    expect(encodeGroups([{ id: 1, name: "x", num: 5, type: 0, members: 2 }], 3)).toBe(
      '[{"id":1,"name":"x","num":5,"type":0,"cnt":2}]',
    );
  });

  it("round-trip groups, sender names and operator templates in every format", () => {
    const groups: ContactGroup[] = [
      { id: 1, name: "Friends, family", num: 1, type: 0, members: 3 },
      { id: 2, name: "Mail", num: 9, type: 1, members: 0 },
    ];
    const senders: SenderName[] = [
      {
        id: 3,
        sender: "Shop",
        state: 1,
        comment: "our, shop",
        legalName: "ТОО Шоп",
        inn: "123",
        site: "https://shop.kz",
        email: "a@shop.kz",
        address: "Алматы",
        description: "d",
        purpose: "p",
        created: "01.12.2026 10:00:00",
      },
    ];
    const templates: OpTemplate[] = [
      {
        id: 4,
        sender: "Shop",
        message: "Код: %s, спасибо",
        mtsService: true,
        mtsTransactional: false,
        megafonService: false,
        megafonTransactional: true,
        beelineService: false,
        beelineTransactional: false,
        tele2Service: false,
        tele2Transactional: false,
        created: "01.12.2026 10:00:00",
      },
    ];
    for (const fmt of [0, 2, 3] as Fmt[]) {
      expect(decodeGroups(encodeGroups(groups, fmt), fmt)).toEqual(groups);
      expect(decodeSenders(encodeSenders(senders, fmt), fmt)).toEqual(senders);
      expect(decodeOpTemplates(encodeOpTemplates(templates, fmt), fmt)).toEqual(templates);
    }
    expect(decodeGroups(encodeGroups(groups, 1), 1)).toEqual(groups);
    expect(decodeSenders(encodeSenders(senders, 1), 1)).toEqual([
      { id: 3, state: 1, sender: "Shop", comment: "our, shop" },
    ]);
    const [t] = decodeOpTemplates(encodeOpTemplates(templates, 1), 1) as OpTemplate[];
    // fmt=1 has every column but the creation time, the text last
    expect(t).toEqual(omit(templates[0]!, "created"));
  });

  it("keep fields the table does not know, by their wire name, and treat missing ones as absent", () => {
    expect(decodeContacts('[{"id":1,"phone":"77011234567","vip":true}]', 3)).toEqual([
      { id: 1, phones: ["77011234567"], vip: true },
    ]);
    expect(decodeSenders('[{"sender":"SMSC.KZ"}]', 3)).toEqual([{ sender: "SMSC.KZ" }]);
  });
});

describe("documents", () => {
  it("round-trip an invoice in every format, the money with two decimals", () => {
    const doc: SubclientDocument = {
      id: 1,
      num: "1",
      kind: "account",
      date: "01.12.2026",
      user: "client1",
      userId: 2,
      sum: 5000.5,
      currency: "KZT",
      service: "SMS, 2026",
    };
    expect(encodeDocument(doc, 3)).toBe(
      '{"id":1,"num":"1","type":"account","date":"01.12.2026","user":"client1","user_id":2,"sum":"5000.50","currency":"KZT","service":"SMS, 2026"}',
    );
    for (const fmt of FMTS) expect(decodeDocument(encodeDocument(doc, fmt), fmt), `fmt=${fmt}`).toEqual(doc);
  });
});

describe("errors of the new tables", () => {
  it("are recognised in every format", () => {
    for (const fmt of FMTS)
      expect(decodeError(encodeError({ error: "wrong code", code: 11 }, fmt), fmt)).toMatchObject({
        code: 11,
      });
  });
});

function omit<T extends object, K extends keyof T>(o: T, k: K): Omit<T, K> {
  const { [k]: _, ...rest } = o;
  return rest;
}
