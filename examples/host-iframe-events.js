// Listening to the form's events from the host page (iframe mode). The events are
// dispatched on the <iframe> element and bubble; they never carry answers.
document.addEventListener('mentor-form:section-changed', function (e) {
  document.getElementById('status').textContent = '';
  console.log('form page:', e.detail.path);
});
document.addEventListener('mentor-form:submitted', function (e) {
  document.getElementById('status').textContent = 'Thank you! Your reference is ' + e.detail.reference + '.';
});
