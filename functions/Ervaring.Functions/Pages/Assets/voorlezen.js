// Ervaring survey: a "Lees voor" button that reads the page's questions and answer options aloud with the browser's
// own speech synthesis, in the page's language. Nothing leaves the device and no other service is used. Without
// JavaScript or without speechSynthesis the button never appears and the survey works exactly the same.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance !== "function") return;

  function textToRead() {
    var main = document.getElementById("inhoud");
    var parts = [];
    var heading = main.querySelector("h1");
    if (heading) parts.push(heading.textContent);
    Array.prototype.forEach.call(main.querySelectorAll(".question:not([hidden]), p.intro, main > p"), function (block) {
      if (block.classList.contains("question")) {
        var legend = block.querySelector("legend, label");
        if (legend) parts.push(legend.textContent);
        Array.prototype.forEach.call(block.querySelectorAll(".hint:not([hidden]), .field-error"), function (hint) { parts.push(hint.textContent); });
        Array.prototype.forEach.call(block.querySelectorAll(".check span, .number-unit"), function (option) { parts.push(option.textContent); });
      } else {
        parts.push(block.textContent);
      }
    });
    return parts.map(function (p) { return p.replace(/\s+/g, " ").trim(); }).filter(Boolean).join(". ");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.querySelector(".read-aloud[data-lees-voor]");
    if (!holder) return;
    var language = holder.getAttribute("data-lang") || document.documentElement.lang;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary";
    button.textContent = holder.getAttribute("data-lees-voor");
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        return;
      }
      var utterance = new SpeechSynthesisUtterance(textToRead());
      utterance.lang = language;
      var voice = window.speechSynthesis.getVoices().filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf(language) === 0; })[0];
      if (voice) utterance.voice = voice;
      utterance.onstart = function () { button.textContent = holder.getAttribute("data-stop"); button.setAttribute("aria-pressed", "true"); };
      utterance.onend = utterance.onerror = function () { button.textContent = holder.getAttribute("data-lees-voor"); button.setAttribute("aria-pressed", "false"); };
      window.speechSynthesis.speak(utterance);
    });
    holder.appendChild(button);
    holder.hidden = false;
  });
})();
