// A fake of the part of office.js the Say no pane uses, served in place of
// https://appsforoffice.microsoft.com/lib/1/hosted/office.js (the tests run without internet).
// The test prepends `window.__officeConfig = {...}` (see OfficeHarness.cs):
//   requirements: { "Mailbox": "1.8", "NestedAppAuth": null }  -> isSetSupported answers from this
//   item: { mode: "read" | "compose", subject, from: { displayName, emailAddress }, itemId,
//           conversationId, body, bodyType: "html" | "text", to: [{ displayName, emailAddress }] }
// What the pane calls is recorded in window.__calls as { method, args } (callbacks left out).
// window.__office.selectItem(itemConfig) swaps the item and raises ItemChanged, as Outlook does
// when a pinned pane's selection changes.
// mailbox.convertToRestId turns an EWS id into the REST id Graph takes the way Outlook does for
// messages: the EWS id's base64 made URL-safe ("/" -> "-", "+" -> "_").
(function () {
  "use strict";

  var config = window.__officeConfig || {};
  var calls = [];
  var handlers = [];
  window.__calls = calls;

  var AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  var CoercionType = { Html: "html", Text: "text" };
  var EventType = {
    ItemChanged: "olkItemSelectedChanged",
    DialogMessageReceived: "dialogMessageReceived",
    DialogEventReceived: "dialogEventReceived",
  };

  function plain(args) {
    var out = [];
    for (var i = 0; i < args.length; i++) {
      if (typeof args[i] !== "function") out.push(JSON.parse(JSON.stringify(args[i] === undefined ? null : args[i])));
    }
    return out;
  }

  function record(method, args) {
    calls.push({ method: method, args: plain(args) });
  }

  function callbackOf(args) {
    for (var i = args.length - 1; i >= 0; i--) if (typeof args[i] === "function") return args[i];
    return null;
  }

  // Outlook answers asynchronously; so does the fake.
  function succeed(args, value) {
    var cb = callbackOf(args);
    if (cb) setTimeout(function () { cb({ status: AsyncResultStatus.Succeeded, value: value, error: null, asyncContext: undefined }); }, 0);
  }

  function versionAtLeast(have, want) {
    var a = String(have).split(".").map(Number);
    var b = String(want || "1.1").split(".").map(Number);
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = a[i] || 0;
      var y = b[i] || 0;
      if (x !== y) return x > y;
    }
    return true;
  }

  function copyAddress(a) {
    return { displayName: a.displayName, emailAddress: a.emailAddress };
  }

  function readItem(c) {
    return {
      itemType: "message",
      subject: c.subject,
      from: c.from ? copyAddress(c.from) : null,
      sender: c.from ? copyAddress(c.from) : null,
      itemId: c.itemId || "",
      conversationId: c.conversationId || "",
      body: {
        getAsync: function () {
          record("body.getAsync", arguments);
          succeed(arguments, c.body);
        },
      },
      displayReplyForm: function () {
        record("displayReplyForm", arguments);
      },
      displayReplyAllForm: function () {
        record("displayReplyAllForm", arguments);
      },
    };
  }

  function composeItem(c) {
    var cc = [];
    var headers = {};
    var item = {
      itemType: "message",
      conversationId: c.conversationId || "",
      subject: {
        getAsync: function () {
          record("subject.getAsync", arguments);
          succeed(arguments, c.subject);
        },
      },
      to: {
        getAsync: function () {
          record("to.getAsync", arguments);
          succeed(arguments, (c.to || []).map(copyAddress));
        },
      },
      cc: {
        getAsync: function () {
          record("cc.getAsync", arguments);
          succeed(arguments, cc.slice());
        },
        addAsync: function (recipients) {
          record("cc.addAsync", arguments);
          for (var i = 0; i < recipients.length; i++) cc.push(recipients[i]);
          succeed(arguments);
        },
      },
      body: {
        getAsync: function () {
          record("body.getAsync", arguments);
          succeed(arguments, c.body);
        },
        getTypeAsync: function () {
          record("body.getTypeAsync", arguments);
          succeed(arguments, c.bodyType === "text" ? CoercionType.Text : CoercionType.Html);
        },
        setSelectedDataAsync: function () {
          record("body.setSelectedDataAsync", arguments);
          succeed(arguments);
        },
      },
    };
    // internetHeaders exists from Mailbox 1.8 on.
    if (isSetSupported("Mailbox", "1.8")) {
      item.internetHeaders = {
        setAsync: function (values) {
          record("internetHeaders.setAsync", arguments);
          for (var k in values) headers[k] = values[k];
          succeed(arguments);
        },
        getAsync: function (names) {
          record("internetHeaders.getAsync", arguments);
          var out = {};
          for (var i = 0; i < names.length; i++) if (names[i] in headers) out[names[i]] = headers[names[i]];
          succeed(arguments, out);
        },
      };
    }
    return item;
  }

  function makeItem(c) {
    if (!c) return null;
    return c.mode === "compose" ? composeItem(c) : readItem(c);
  }

  function isSetSupported(name, version) {
    var have = (config.requirements || {})[name];
    return have !== undefined && have !== null && versionAtLeast(have, version);
  }

  var RestVersion = { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" };

  var mailbox = {
    item: null,
    diagnostics: { hostName: "OutlookWebApp", hostVersion: "16.0" },
    convertToRestId: function (itemId, restVersion) {
      record("mailbox.convertToRestId", arguments);
      return String(itemId).replace(/\//g, "-").replace(/\+/g, "_");
    },
    addHandlerAsync: function (eventType, handler) {
      record("mailbox.addHandlerAsync", [eventType]);
      handlers.push({ eventType: eventType, handler: handler });
      succeed(arguments);
    },
  };
  mailbox.item = makeItem(config.item);

  var ready = { host: "Outlook", platform: "OfficeOnline" };

  window.Office = {
    AsyncResultStatus: AsyncResultStatus,
    CoercionType: CoercionType,
    EventType: EventType,
    MailboxEnums: { RestVersion: RestVersion },
    HostType: { Outlook: "Outlook" },
    context: {
      requirements: { isSetSupported: isSetSupported },
      mailbox: mailbox,
      diagnostics: { host: "Outlook", platform: "OfficeOnline" },
    },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (typeof callback === "function") callback(ready);
          resolve(ready);
        }, 0);
      });
    },
  };

  window.__office = {
    handlerCount: function (eventType) {
      return handlers.filter(function (h) { return h.eventType === eventType; }).length;
    },
    selectItem: function (itemConfig) {
      mailbox.item = makeItem(itemConfig);
      handlers
        .filter(function (h) { return h.eventType === EventType.ItemChanged; })
        .forEach(function (h) { h.handler({ type: EventType.ItemChanged }); });
    },
  };
})();
