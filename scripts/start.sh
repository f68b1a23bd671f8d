#!/usr/bin/env bash
# Starts Ervaring locally: Azurite (on-disk in .azurite/), the app's functions in the development server with demo
# data, and the local timer scheduler. Stop with Ctrl+C; Azurite stops with it.
# ERVARING_PORT changes the app's port (default 7071); ERVARING_DEMO=false starts without demo data.
# The demo is a region: demo-beheerder-sleutel-2026 is its coordinator (every municipality), and each municipality has
# its own beheerder key that sees only its own waves (demo-voorbeeldstad-sleutel-2026, demo-havendorp-sleutel-2026).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-node-tools.sh
scripts/install-fonts.sh

port=${ERVARING_PORT:-7071}
mkdir -p .azurite
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 10002 && listening 10000; then
  echo "Azurite draait al op 127.0.0.1:10000/10002; die gebruiken we."
else
  node_modules/.bin/azurite --silent --location .azurite --skipApiVersionCheck --loose --disableTelemetry \
    > .azurite/azurite.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do listening 10002 && listening 10000 && break; sleep 0.2; done
  listening 10002 || { echo "Azurite startte niet; zie .azurite/azurite.log" >&2; exit 1; }
fi

dotnet build functions/Ervaring.Functions --nologo -v quiet
# 'dotnet run' on a Functions project starts Core Tools ('func start'), which cannot be installed here; the
# development server serves the same functions from the build output (see docs/architecture.md).
cd functions/Ervaring.Functions/bin/Debug/net10.0
dotnet Ervaring.Functions.dll \
  --development-server \
  --urls "http://127.0.0.1:$port" \
  --environment Development \
  --Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true \
  --Ervaring:DevelopmentScheduler=true \
  --Ervaring:AdminApiKey=demo-beheerder-sleutel-2026 \
  --Ervaring:ApiKeys:voorbeeldstad:Key=demo-voorbeeldstad-sleutel-2026 --Ervaring:ApiKeys:voorbeeldstad:Role=beheerder \
  --Ervaring:ApiKeys:voorbeeldstad:Name="beheerder Voorbeeldstad" --Ervaring:ApiKeys:voorbeeldstad:Municipalities=Voorbeeldstad \
  --Ervaring:ApiKeys:havendorp:Key=demo-havendorp-sleutel-2026 --Ervaring:ApiKeys:havendorp:Role=beheerder \
  --Ervaring:ApiKeys:havendorp:Name="beheerder Havendorp" --Ervaring:ApiKeys:havendorp:Municipalities=Havendorp \
  --Ervaring:PublicBaseUrl="http://127.0.0.1:$port" \
  --Ervaring:Region:Name="Jeugdregio Voorbeeld" \
  --Ervaring:Region:Processor="Bureau Voorbeeldonderzoek (fictief)" \
  --Ervaring:Municipalities:voorbeeldstad:Name=Voorbeeldstad \
  --Ervaring:Municipalities:voorbeeldstad:Logo=gemeente-logos/voorbeeldstad.png \
  --Ervaring:Municipalities:voorbeeldstad:HelpPhone="14 0123" \
  --Ervaring:Municipalities:voorbeeldstad:HelpEmail=jeugdonderzoek@voorbeeldstad.example \
  --Ervaring:Municipalities:voorbeeldstad:HelpHours="maandag tot en met vrijdag, 9.00 tot 17.00 uur" \
  --Ervaring:Municipalities:voorbeeldstad:PrivacyContact=privacy@voorbeeldstad.example \
  --Ervaring:Municipalities:voorbeeldstad:DataProtectionOfficer="de functionaris gegevensbescherming, fg@voorbeeldstad.example" \
  --Ervaring:Municipalities:havendorp:Name=Havendorp \
  --Ervaring:Municipalities:havendorp:Logo=gemeente-logos/havendorp.png \
  --Ervaring:Municipalities:havendorp:HelpPhone="14 0456" \
  --Ervaring:Municipalities:havendorp:HelpEmail=jeugd@havendorp.example \
  --Ervaring:Municipalities:havendorp:HelpHours="werkdagen van 8.30 tot 12.30 uur" \
  --Ervaring:Municipalities:havendorp:PrivacyContact=https://www.havendorp.example/privacy \
  --Ervaring:Municipalities:havendorp:DataProtectionOfficer="de functionaris gegevensbescherming van Havendorp, fg@havendorp.example" \
  --Ervaring:Demo:Seed="${ERVARING_DEMO:-true}" &
pids+=($!)

for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
echo
echo "Ervaring draait op http://127.0.0.1:$port  (gezondheid: http://127.0.0.1:$port/health)"
echo "Stoppen: Ctrl+C"
wait "${pids[-1]}"
