// Material 9.8.1's partials/javascripts/outdated.html as a file: the pages carry no inline
// script (Content-Security-Policy script-src 'self', see README, Security).
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.getAttribute("data-md-base"),location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
