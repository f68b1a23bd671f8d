// Example values for a municipality of about 50,000 inhabitants. Copy, then fill in your own ids.
using 'main.bicep'

param namePrefix = 'gemvb'
param location = 'westeurope'
param frameRetentionDays = 90
param entraTenantId = '00000000-0000-0000-0000-000000000000'
param entraClientId = '11111111-1111-1111-1111-111111111111'
param alertEmail = 'functioneel.beheer@gemeente.example'
// Secrets come from the environment of whoever deploys, never from this file:
//   export ERVARING_TOKEN_KEY=$(openssl rand -base64 32) ERVARING_HASH_PEPPER=$(openssl rand -base64 32)
// Keep them (e.g. in the municipality's password vault): a new value makes all open invitation links invalid.
param tokenKey = readEnvironmentVariable('ERVARING_TOKEN_KEY', '')
param hashPepper = readEnvironmentVariable('ERVARING_HASH_PEPPER', '')
// The region: its municipalities (name as in the frame's gemeente column, identity for the survey pages and the
// privacy statement, the Entra group of its officers) and the region's coordinators. See docs/deploy.md, 4b and 6.
param regionAppSettings = {
  Ervaring__Region__Name: 'Jeugdregio Voorbeeld'
  Ervaring__Region__Processor: 'Bureau Onderzoek BV'
  Ervaring__Region__CoordinatorGroups: '22222222-2222-2222-2222-222222222222'
  Ervaring__Municipalities__voorbeeldstad__Name: 'Voorbeeldstad'
  Ervaring__Municipalities__voorbeeldstad__HelpPhone: '14 0123'
  Ervaring__Municipalities__voorbeeldstad__HelpEmail: 'jeugdonderzoek@voorbeeldstad.example'
  Ervaring__Municipalities__voorbeeldstad__HelpHours: 'maandag tot en met vrijdag, 9.00 tot 17.00 uur'
  Ervaring__Municipalities__voorbeeldstad__PrivacyContact: 'privacy@voorbeeldstad.example'
  Ervaring__Municipalities__voorbeeldstad__DataProtectionOfficer: 'de functionaris gegevensbescherming, fg@voorbeeldstad.example'
  Ervaring__Municipalities__voorbeeldstad__EntraGroups: '33333333-3333-3333-3333-333333333333'
  Ervaring__Municipalities__havendorp__Name: 'Havendorp'
  Ervaring__Municipalities__havendorp__EntraGroups: '44444444-4444-4444-4444-444444444444'
}
