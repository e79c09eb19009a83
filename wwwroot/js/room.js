// LeadMarket bidding room: keeps the cards' clocks current in the browser, so the server never re-renders a room
// to move a countdown. The server renders every text first (correct before this runs, and without script); this
// rewrites only what changed, in place, in the text node Blazor rendered:
//   [data-ends-at]      time left ("4:05", "1:02:03", "2d 3h", "Closing…"; German "2 T. 3 Std.", "Endet …"), urgent under 15 s
//   [data-age-since]    the lead's age ("just now", "12 min old", "3 h old", "2 d old"; German "seit 12 Min.")
//   [data-shown-until]  hidden once that moment has passed (the "Extended" badge after anti-sniping)
// and once a lot's time is up, its card's bid form is made inert (no clicks, no focus, greyed) until the server's
// close takes the form away, or a late bid's extension gives the lot time again. The server would turn such a bid
// down anyway; the buyer should not get to send it. Blazor never renders "inert", so it never takes it back.
// [data-server-now] carries the server's clock at its last render: countdowns follow the market's time, not the
// viewer's, whatever the local clock says.
// The words are the reader's language, from the server: the room page's [data-clock-closing] element carries them as
// data-clock-* attributes with {0} and {1} for the numbers (English below only if a page has none).
// A card's clocks are written by the server when the node first rendered that state of the lot (the text is shared by
// every page showing it), so they can be behind when the card is inserted later: this also runs as soon as Blazor
// has changed the page, before the browser paints it (a MutationObserver's callback runs before rendering).
(() => {
    "use strict";

    const urgentMs = 15_000;
    const parsed = new Map();
    let offset = 0;
    let seenServerNow = null;

    const time = (text) => {
        let value = parsed.get(text);
        if (value === undefined) {
            value = Date.parse(text);
            if (parsed.size > 5_000) {
                parsed.clear();
            }
            parsed.set(text, value);
        }
        return value;
    };

    const marketNow = () => {
        const clock = document.querySelector("[data-server-now]");
        const serverNow = clock?.getAttribute("data-server-now");
        if (serverNow && serverNow !== seenServerNow) {
            seenServerNow = serverNow;
            const at = Date.parse(serverNow);
            if (!Number.isNaN(at)) {
                offset = at - Date.now();
            }
        }
        return Date.now() + offset;
    };

    const two = (n) => String(n).padStart(2, "0");

    const english = {
        closing: "Closing…", days: "{0}d {1}h", justNow: "just now", minutes: "{0} min old", hours: "{0} h old", daysOld: "{0} d old",
    };
    let words = english;
    let wordsHost = null;

    // Read again only when the element carrying them is another one (a new page).
    const readWords = () => {
        const host = document.querySelector("[data-clock-closing]");
        if (host !== wordsHost) {
            wordsHost = host;
            const word = (name, fallback) => host?.getAttribute(`data-clock-${name}`) ?? fallback;
            words = {
                closing: word("closing", english.closing),
                days: word("days", english.days),
                justNow: word("just-now", english.justNow),
                minutes: word("minutes", english.minutes),
                hours: word("hours", english.hours),
                daysOld: word("days-old", english.daysOld),
            };
        }
    };

    const fill = (template, first, second) => template.replace("{0}", String(first)).replace("{1}", String(second));

    const countdown = (ms) => {
        if (ms <= 0) {
            return words.closing;
        }
        const total = Math.ceil(ms / 1000);
        const days = Math.floor(total / 86_400);
        const hours = Math.floor(total / 3600);
        const minutes = Math.floor((total % 3600) / 60);
        const seconds = total % 60;
        return days >= 1 ? fill(words.days, days, hours % 24)
            : hours >= 1 ? `${hours}:${two(minutes)}:${two(seconds)}`
            : `${minutes}:${two(seconds)}`;
    };

    const age = (ms) => ms < 60_000 ? words.justNow
        : ms < 3_600_000 ? fill(words.minutes, Math.floor(ms / 60_000))
        : ms < 86_400_000 ? fill(words.hours, Math.floor(ms / 3_600_000))
        : fill(words.daysOld, Math.floor(ms / 86_400_000));

    // Blazor keeps a reference to the text node it rendered: change its value, never replace the node.
    const setText = (element, text) => {
        const node = element.firstChild;
        if (node && node.nodeType === Node.TEXT_NODE && node === element.lastChild) {
            if (node.nodeValue !== text) {
                node.nodeValue = text;
            }
        }
    };

    const tick = () => {
        const now = marketNow();
        readWords();
        for (const element of document.querySelectorAll("[data-ends-at]")) {
            const left = time(element.getAttribute("data-ends-at")) - now;
            setText(element, countdown(left));
            const urgent = left < urgentMs;
            if (element.classList.contains("lot-countdown-urgent") !== urgent) {
                element.classList.toggle("lot-countdown-urgent", urgent);
            }
            const form = element.closest(".lot-card")?.querySelector("form.bid-form");
            if (form && form.inert !== (left <= 0)) {
                form.inert = left <= 0;
            }
        }
        for (const element of document.querySelectorAll("[data-age-since]")) {
            setText(element, age(now - time(element.getAttribute("data-age-since"))));
        }
        for (const element of document.querySelectorAll("[data-shown-until]")) {
            const hidden = time(element.getAttribute("data-shown-until")) <= now;
            if (element.hidden !== hidden) {
                element.hidden = hidden;
            }
        }
    };

    // A few times a second, so each countdown moves within a quarter second of its own second; a tick that
    // finds nothing changed writes nothing.
    setInterval(tick, 250);
    tick();

    // Once after each batch of changes Blazor makes (the observer gathers a task's changes into one call); the
    // tick's own writes (text, class, hidden, inert) are not observed, so it never triggers itself.
    new MutationObserver(tick).observe(document.body, { childList: true, subtree: true });
})();
