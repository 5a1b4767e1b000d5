/* global Survey, SurveyUI -- from SurveyJS's UMD builds, loaded before this file */
// Renders the survey the bench wrote into window.MF_SURVEY (bench/run.mjs,
// surveyDefinition) the way SurveyJS's own getting-started page does.
(function () {
  'use strict';
  const model = new Survey.Model(window.MF_SURVEY);
  const el = document.getElementById('survey');
  if (typeof SurveyUI !== 'undefined' && SurveyUI.renderSurvey) SurveyUI.renderSurvey(model, el);
  else model.render(el);
})();
