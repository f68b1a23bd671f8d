// The browser tests run one at a time. A class with its own app (its own Azurite, app and Chromium) would otherwise
// run beside the shared collection, and on a two-core CI machine the two starve each other's page loads past the
// step timeout: that is how a wave creation once timed out on CI while the region fixture was starting.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
