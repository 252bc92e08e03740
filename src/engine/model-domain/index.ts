// What a generative model knows: its training domain (from the model file's provenance), example
// photos from it, and a measurable distance of a photo to it (with the reasons in plain words).
export { photoFeatures, PHOTO_FEATURE_DEFAULTS, FEATURE_NAMES } from './photo-features';
export type { PhotoFeatures, PhotoFeatureOptions, FeatureName, Rgb } from './photo-features';
export { buildDomainProfile, domainDistance, SPREAD_FLOOR } from './domain-profile';
export type { DomainProfile, DomainDistance, FeatureRange } from './domain-profile';
export { describeTrainingDomain, heldOutSceneSeeds, renderDomainExample } from './training-domain';
export type { TrainingDomain, DomainKind, ProvenanceDomain } from './training-domain';
export { describeDomainCheck, featureReason } from './domain-message';
export { TOY_DOMAIN_PROFILE } from './toy-domain-profile';
