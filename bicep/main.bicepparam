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
