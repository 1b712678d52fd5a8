// Material 9.8.1's partials/javascripts/announce.html as a file: the pages carry no inline
// script (Content-Security-Policy script-src 'self', see README, Security).
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
