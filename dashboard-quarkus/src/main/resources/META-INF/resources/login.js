// The login page: says why it is shown again (a wrong name or password, or a sign-out).
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const query = new URLSearchParams(location.search);
  const message = document.getElementById('message');
  if (query.has('failed')) {
    message.textContent = 'Wrong user name or password.';
    message.className = 'message error';
    message.hidden = false;
  } else if (query.has('signed-out')) {
    message.textContent = 'You are signed out.';
    message.hidden = false;
  }
});
