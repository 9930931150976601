// A stand-in for the part of office.js (Outlook) that the pane uses, so the pane runs in any browser
// without Outlook: the /try/ page and the browser tests load it in place of Microsoft's office.js.
// It answers asynchronously, as Outlook does, and records every call. What it implements and what it
// does not is listed in addin/README.md ("The office.js stand-in"); keep the two in step.

export interface StandInAddress {
  displayName: string;
  emailAddress: string;
}

/** The open item. Read mode is a received message; compose mode is a reply being written. */
export interface StandInItem {
  mode?: "read" | "compose";
  subject: string;
  /** The body as Outlook gives it: HTML (or plain text when bodyType is "text", compose mode only). */
  body: string;
  bodyType?: "html" | "text";
  from?: StandInAddress | null;
  to?: StandInAddress[];
  itemId?: string;
  conversationId?: string;
}

export interface StandInConfig {
  /** The highest version of each requirement set the host supports, e.g. { Mailbox: "1.8" }; null or absent: unsupported. */
  requirements?: Record<string, string | null | undefined>;
  item?: StandInItem | null;
}

/** One call the pane made, its callbacks left out and its arguments copied as JSON. */
export interface StandInCall {
  method: string;
  args: unknown[];
}

/** What displayReplyForm / displayReplyAllForm were asked to open. */
export interface ReplyForm {
  replyAll: boolean;
  htmlBody: string;
  /** The message being replied to. */
  item: StandInItem;
}

/** How a page (or a test) drives the stand-in. */
export interface StandInControl {
  readonly calls: StandInCall[];
  /** Opens another item and raises ItemChanged, as Outlook does when a pinned pane's selection changes. */
  selectItem(item: StandInItem | null): void;
  handlerCount(eventType: string): number;
  /** Hears each reply form the pane opens (read mode's Insert reply). */
  onReply(listener: (reply: ReplyForm) => void): void;
}

type Callback = (result: AsyncResult) => void;
interface AsyncResult {
  status: string;
  value: unknown;
  error: null;
  asyncContext: undefined;
}

const AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" } as const;
const CoercionType = { Html: "html", Text: "text" } as const;
const EventType = {
  ItemChanged: "olkItemSelectedChanged",
  DialogMessageReceived: "dialogMessageReceived",
  DialogEventReceived: "dialogEventReceived",
} as const;
const RestVersion = { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" } as const;

/** a >= b for dotted versions ("1.10" > "1.8"). */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Outlook turns an EWS id into the REST id Graph takes by making its base64 URL-safe; so does this.
 */
export function restIdOf(ewsId: string): string {
  return ewsId.replace(/\//g, "-").replace(/\+/g, "_");
}

export function createOfficeStandIn(config: StandInConfig = {}): { office: unknown; control: StandInControl } {
  const calls: StandInCall[] = [];
  const handlers: { eventType: string; handler: (event: { type: string }) => void }[] = [];
  const replyListeners: ((reply: ReplyForm) => void)[] = [];

  const record = (method: string, args: ArrayLike<unknown>): void => {
    const copied: unknown[] = [];
    for (const arg of Array.from(args)) {
      if (typeof arg !== "function") copied.push(JSON.parse(JSON.stringify(arg === undefined ? null : arg)) as unknown);
    }
    calls.push({ method, args: copied });
  };

  // Outlook answers on a later turn; so does the stand-in, so the pane's ordering is exercised as in Outlook.
  const succeed = (args: ArrayLike<unknown>, value?: unknown): void => {
    const callback = Array.from(args).reverse().find((a): a is Callback => typeof a === "function");
    if (callback) setTimeout(() => callback({ status: AsyncResultStatus.Succeeded, value, error: null, asyncContext: undefined }), 0);
  };

  const isSetSupported = (name: string, version?: string): boolean => {
    const have = config.requirements?.[name];
    return typeof have === "string" && versionAtLeast(have, version ?? "1.1");
  };

  const copy = (a: StandInAddress): StandInAddress => ({ displayName: a.displayName, emailAddress: a.emailAddress });

  const openReply = (replyAll: boolean, item: StandInItem, formData: unknown): void => {
    const htmlBody =
      typeof formData === "string" ? formData : typeof (formData as { htmlBody?: unknown })?.htmlBody === "string" ? (formData as { htmlBody: string }).htmlBody : "";
    for (const listener of replyListeners) listener({ replyAll, htmlBody, item });
  };

  const readItem = (c: StandInItem) => ({
    itemType: "message",
    subject: c.subject,
    from: c.from ? copy(c.from) : null,
    sender: c.from ? copy(c.from) : null,
    itemId: c.itemId ?? "",
    conversationId: c.conversationId ?? "",
    body: {
      getAsync(...args: unknown[]) {
        record("body.getAsync", args);
        succeed(args, c.body);
      },
    },
    displayReplyForm(...args: unknown[]) {
      record("displayReplyForm", args);
      openReply(false, c, args[0]);
    },
    displayReplyAllForm(...args: unknown[]) {
      record("displayReplyAllForm", args);
      openReply(true, c, args[0]);
    },
  });

  const composeItem = (c: StandInItem) => {
    const cc: unknown[] = [];
    const headers: Record<string, string> = {};
    const item: Record<string, unknown> = {
      itemType: "message",
      conversationId: c.conversationId ?? "",
      subject: {
        getAsync(...args: unknown[]) {
          record("subject.getAsync", args);
          succeed(args, c.subject);
        },
      },
      to: {
        getAsync(...args: unknown[]) {
          record("to.getAsync", args);
          succeed(args, (c.to ?? []).map(copy));
        },
      },
      cc: {
        getAsync(...args: unknown[]) {
          record("cc.getAsync", args);
          succeed(args, cc.slice());
        },
        addAsync(...args: unknown[]) {
          record("cc.addAsync", args);
          cc.push(...((args[0] as unknown[]) ?? []));
          succeed(args);
        },
      },
      body: {
        getAsync(...args: unknown[]) {
          record("body.getAsync", args);
          succeed(args, c.body);
        },
        getTypeAsync(...args: unknown[]) {
          record("body.getTypeAsync", args);
          succeed(args, c.bodyType === "text" ? CoercionType.Text : CoercionType.Html);
        },
        setSelectedDataAsync(...args: unknown[]) {
          record("body.setSelectedDataAsync", args);
          succeed(args);
        },
      },
    };
    // internetHeaders exists from Mailbox 1.8 on.
    if (isSetSupported("Mailbox", "1.8")) {
      item.internetHeaders = {
        setAsync(...args: unknown[]) {
          record("internetHeaders.setAsync", args);
          Object.assign(headers, args[0] as Record<string, string>);
          succeed(args);
        },
        getAsync(...args: unknown[]) {
          record("internetHeaders.getAsync", args);
          const names = args[0] as string[];
          succeed(args, Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]])));
        },
      };
    }
    return item;
  };

  const makeItem = (c: StandInItem | null | undefined) => (!c ? null : c.mode === "compose" ? composeItem(c) : readItem(c));

  const mailbox = {
    item: makeItem(config.item) as unknown,
    diagnostics: { hostName: "OutlookWebApp", hostVersion: "16.0" },
    convertToRestId(...args: unknown[]) {
      record("mailbox.convertToRestId", args);
      return restIdOf(String(args[0]));
    },
    addHandlerAsync(...args: unknown[]) {
      const [eventType, handler] = args as [string, (event: { type: string }) => void];
      record("mailbox.addHandlerAsync", [eventType]);
      handlers.push({ eventType, handler });
      succeed(args);
    },
  };

  const ready = { host: "Outlook", platform: "OfficeOnline" };
  const office = {
    AsyncResultStatus,
    CoercionType,
    EventType,
    MailboxEnums: { RestVersion },
    HostType: { Outlook: "Outlook" },
    context: {
      requirements: { isSetSupported },
      mailbox,
      diagnostics: { host: "Outlook", platform: "OfficeOnline" },
    },
    onReady(callback?: (info: typeof ready) => void): Promise<typeof ready> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(ready);
          resolve(ready);
        }, 0),
      );
    },
  };

  const control: StandInControl = {
    calls,
    selectItem(item) {
      mailbox.item = makeItem(item);
      for (const h of handlers.filter((h) => h.eventType === EventType.ItemChanged)) h.handler({ type: EventType.ItemChanged });
    },
    handlerCount: (eventType) => handlers.filter((h) => h.eventType === eventType).length,
    onReply(listener) {
      replyListeners.push(listener);
    },
  };
  return { office, control };
}
