// Moves keyboard and screen-reader focus to the error summary when a form comes back with errors,
// and makes the summary's links focus the field (not just scroll to it). No inline script: the
// Content-Security-Policy allows only files from this server.
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({block: 'center'});
      field.focus();
    }
  });
});

// The print view's button: the browser's print dialog (the page's own @media print styles apply).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });
});
