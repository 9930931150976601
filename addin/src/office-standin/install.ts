// Installs the office.js stand-in as the global `Office`, in place of Microsoft's office.js (built as one
// classic script, /try/office-standin.js). Its settings come from, in order:
//   window.__officeConfig, set by a script that runs first (the browser tests prepend it), or
//   the page that frames this one (the /try/ page), through window.parent.__sayNoTry: it gives the
//   settings and receives the control, so it can open emails in the pane and show the replies.
// window.__calls and window.__office expose the recorded calls and the control to tests.
import { createOfficeStandIn } from "./office-standin";
import type { StandInCall, StandInConfig, StandInControl } from "./office-standin";

/** What a framing page offers the stand-in in its frame. */
export interface StandInHost {
  config: StandInConfig;
  attach(control: StandInControl): void;
}

interface StandInWindow {
  Office?: unknown;
  __officeConfig?: StandInConfig;
  __calls?: StandInCall[];
  __office?: StandInControl;
  __sayNoTry?: StandInHost;
}

function framingHost(): StandInHost | undefined {
  try {
    if (window.parent === window) return undefined;
    return (window.parent as unknown as StandInWindow).__sayNoTry;
  } catch {
    return undefined; // framed by another origin: nothing to talk to
  }
}

const self = window as unknown as StandInWindow;
const host = self.__officeConfig ? undefined : framingHost();
const { office, control } = createOfficeStandIn(self.__officeConfig ?? host?.config ?? {});
self.Office = office;
self.__calls = control.calls;
self.__office = control;
host?.attach(control);
