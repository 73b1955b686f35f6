/* Assi, the assistant widget on every resident page. Without this script the widget is a link to the
   Assi page (/assi/), which works with plain forms. Text is set with textContent only (no HTML from
   answers), links only to our own paths or https. The log is an aria-live region: screen readers read
   each new answer; Escape closes the panel and returns focus to its button. */
(function () {
  "use strict";
  var root = document.querySelector(".assi");
  if (!root || !window.fetch) return;
  var toggle = root.querySelector(".assi__toggle");
  var link = root.querySelector(".assi__link");
  var panel = root.querySelector(".assi__panel");
  var log = root.querySelector(".assi__log");
  var form = root.querySelector(".assi__form");
  var input = root.querySelector("#assi-question");
  var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };
  var storageKey = "assi-conversation";
  var conversation = null;
  try { conversation = window.sessionStorage.getItem(storageKey); } catch (e) { conversation = null; }

  toggle.hidden = false;
  link.hidden = true;

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) input.focus(); else toggle.focus();
  }
  toggle.addEventListener("click", function () { setOpen(panel.hidden); });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) setOpen(false);
  });

  function csrf() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function safeUrl(url) {
    return (/^\/(?!\/)/.test(url) || /^https:\/\//.test(url)) ? url : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function say(who, text, className) {
    var entry = element("div", "assi__entry " + (className || ""));
    entry.appendChild(element("p", "assi__who", who));
    if (text) entry.appendChild(element("p", "assi__text", text));
    log.appendChild(entry);
    log.scrollTop = log.scrollHeight;
    return entry;
  }

  function rating(entry, exchange) {
    var box = element("div", "assi__rate");
    box.appendChild(element("span", "", label("helpful") + " "));
    [["yes", true], ["no", false]].forEach(function (pair) {
      var button = element("button", "link-button", label(pair[0]));
      button.type = "button";
      button.addEventListener("click", function () {
        post(root.getAttribute("data-rate-url"), { exchange: exchange, conversation: conversation, helpful: pair[1] })
          .then(function () { box.textContent = label("thanks"); })
          .catch(function () { box.textContent = label("error"); });
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(" "));
    });
    entry.appendChild(box);
  }

  function show(reply) {
    if (reply.conversation) {
      conversation = reply.conversation;
      try { window.sessionStorage.setItem(storageKey, conversation); } catch (e) { /* private mode */ }
    }
    var entry = say(label("assi"), "", "assi__entry--bot" + (reply.emergency ? " assi__entry--emergency" : ""));
    if (reply.title) entry.appendChild(element("p", "assi__topic", reply.title));
    entry.appendChild(element("p", "assi__text", reply.text));
    if (reply.symptom_note) entry.appendChild(element("p", "assi__text assi__symptom", reply.symptom_note));
    if (reply.links.length) {
      var list = element("ul", "assi__links");
      reply.links.forEach(function (item) {
        var url = safeUrl(item.url);
        if (!url) return;
        var li = element("li");
        var a = element("a", "", item.label);
        a.href = url;
        li.appendChild(a);
        list.appendChild(li);
      });
      entry.appendChild(list);
    }
    if (reply.offers.length) {
      var offers = element("ul", "assi__offers");
      reply.offers.forEach(function (offer) {
        var li = element("li");
        var button = element("button", "button button--secondary", offer.title);
        button.type = "button";
        button.addEventListener("click", function () {
          say(label("you"), offer.title, "assi__entry--you");
          post(root.getAttribute("data-topic-url"), { key: offer.key, language: reply.language, conversation: conversation })
            .then(show).catch(failed);
        });
        li.appendChild(button);
        offers.appendChild(li);
      });
      entry.appendChild(offers);
    }
    if (reply.outcome === "refused" || reply.outcome === "clarify") {
      var person = element("p", "assi__person");
      var a = element("a", "", label("person"));
      a.href = root.querySelector(".assi__person a").getAttribute("href");
      person.appendChild(a);
      entry.appendChild(person);
    }
    if (reply.outcome === "answered" && reply.exchange) rating(entry, reply.exchange);
  }

  function failed() { say(label("assi"), label("error"), "assi__entry--bot"); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { input.focus(); return; }
    say(label("you"), question, "assi__entry--you");
    input.value = "";
    var body = { question: question, language: root.getAttribute("data-language") || "fi" };
    if (conversation) body.conversation = conversation;
    post(root.getAttribute("data-ask-url"), body).then(show).catch(failed);
  });
})();
