// Example values for a municipality of about 50,000 inhabitants. Copy, then fill in your own ids.
using 'main.bicep'

param namePrefix = 'gemvb'
param location = 'westeurope'
param frameRetentionDays = 90
param entraTenantId = '00000000-0000-0000-0000-000000000000'
param entraClientId = '11111111-1111-1111-1111-111111111111'
param alertEmail = 'functioneel.beheer@gemeente.example'
