// Luukku chat: messages arrive over a WebSocket and are appended as text (never as HTML).
// Without a connection the form is posted normally, so the chat works without this script too.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat-socket]");
  if (!root) { return; }
  var list = document.getElementById("chat-messages");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("id_body");
  var status = document.getElementById("chat-status");
  var professional = root.getAttribute("data-professional") === "true";
  var labels = JSON.parse(document.getElementById("chat-labels").textContent);
  var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  var address = scheme + window.location.host + root.getAttribute("data-chat-socket");
  var socket = null;
  var retry = 1000;  // after a lost connection: 1 s, 2 s, 4 s ... at most 30 s
  var leaving = false;
  // The newest message the page has; a reconnect asks for what came after it (?since=<id>).
  var lastId = 0;
  Array.prototype.forEach.call(list.querySelectorAll("[id^=message-]"), function (item) {
    lastId = Math.max(lastId, parseInt(item.id.slice(8), 10) || 0);
  });

  function append(message) {
    lastId = Math.max(lastId, message.id || 0);
    if (document.getElementById("message-" + message.id)) { return; }
    var item = document.createElement("li");
    item.id = "message-" + message.id;
    item.className = "chat__message chat__message--" + message.sender + (message.internal ? " chat__message--internal" : "");
    var meta = document.createElement("p");
    meta.className = "chat__meta";
    var who = message.sender === "system" ? labels.system : (message.sender === "resident" ? labels.resident : (message.author || labels.professional));
    meta.textContent = who + (message.internal ? " (" + labels.internal + ")" : "") + " · " + message.at;
    item.appendChild(meta);
    if (message.body) {
      var body = document.createElement("p");
      body.textContent = message.body;
      item.appendChild(body);
    }
    if (message.attachment) {
      var link = document.createElement("a");
      link.href = message.attachment;
      link.textContent = labels.picture;
      item.appendChild(link);
    }
    list.appendChild(item);
    item.scrollIntoView({block: "nearest"});
  }

  // The resident's place in the queue, told by the server whenever the queue moves.
  function showPlace(data) {
    var place = document.getElementById("queue-position");
    if (!data.position) { if (place) { place.remove(); } return; }
    if (!place) {
      place = document.createElement("p");
      place.id = "queue-position";
      place.className = "notice";
      place.setAttribute("role", "status");
      root.parentNode.insertBefore(place, root);
    }
    place.textContent = data.text;
  }

  // Connect, and after a lost connection (a server restarted, a phone that changed networks) connect
  // again and receive what was missed. A refusal (4403: the right to the chat ended) is final.
  function connect(reconnecting) {
    socket = new WebSocket(address + (reconnecting ? "?since=" + lastId : ""));
    socket.addEventListener("open", function () {
      retry = 1000;
      status.textContent = labels.connected;
      root.setAttribute("data-connected", "true");
    });
    socket.addEventListener("close", function (event) {
      status.textContent = labels.disconnected;
      root.setAttribute("data-connected", "false");
      if (leaving || event.code === 4403) { return; }
      window.setTimeout(function () { connect(true); }, retry);
      retry = Math.min(retry * 2, 30000);
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "error") { status.textContent = data.message; return; }
      if (data.type === "queue") { showPlace(data); return; }
      append(data);
    });
  }
  window.addEventListener("pagehide", function () { leaving = true; });
  connect(false);
  if (form) {
    form.addEventListener("submit", function (event) {
      if (!socket || socket.readyState !== WebSocket.OPEN || !input.value.trim()) { return; }
      event.preventDefault();
      var internal = professional && form.querySelector("[name=internal]") && form.querySelector("[name=internal]").checked;
      socket.send(JSON.stringify({body: input.value, internal: internal}));
      input.value = "";
      input.focus();
    });
  }
}());
