using Ervaring.Core.Frames;

namespace Ervaring.Core.Tests.Sampling;

internal static class TestFrames
{
    public static readonly DateOnly ReferenceDate = new(2025, 1, 1);

    public static readonly string[] Municipalities = ["Utrecht", "Zeist", "Houten"];

    /// <summary>A deterministic synthetic frame.</summary>
    public static Frame Build(int size, int randomSeed = 7)
    {
        var random = new Random(randomSeed);
        var careTypes = Enum.GetValues<CareType>();
        var referrers = Enum.GetValues<Referrer>();
        var records = new List<FrameRecord>(size);
        for (var i = 0; i < size; i++)
        {
            var age = random.Next(0, 24);
            records.Add(new FrameRecord(
                i + 2,
                $"C{i:D7}",
                ReferenceDate.Year - age,
                age,
                Municipalities[random.Next(Municipalities.Length)],
                careTypes[random.Next(careTypes.Length)],
                referrers[random.Next(referrers.Length)],
                $"AGB{random.Next(100):D3}",
                new DateOnly(2024, 1, 1).AddDays(random.Next(300)),
                null));
        }

        return new Frame(records, ReferenceDate);
    }

    public static Frame Shuffled(Frame frame, int randomSeed)
    {
        var copy = frame.Records.ToArray();
        new Random(randomSeed).Shuffle(copy);
        return new Frame(copy, frame.ReferenceDate, frame.Fingerprint);
    }

    /// <summary>Deterministic seeds for repeatable statistical tests.</summary>
    public static Ervaring.Core.Sampling.SamplingSeed Seed(int i) =>
        Ervaring.Core.Sampling.SamplingSeed.FromHex(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))));
}
