namespace Conclave.Fuzz;

/// <summary>
/// A short, deterministic in-process run for every target: each corpus file as it is, then seeded
/// mutations of it (bit flips, truncation, extension, random bytes, length fields pushed to their
/// limits). It finds the shallow crashes quickly and keeps <c>./test.sh</c> honest; deep fuzzing is
/// the AFL/libFuzzer run described in <c>fuzz/README.md</c>.
/// </summary>
internal static class SmokeRun
{
    public static int Execute(string corpusRoot, int iterations, IEnumerable<IFuzzTarget> targets)
    {
        var failures = 0;
        foreach (var target in targets)
        {
            var seeds = LoadCorpus(Path.Combine(corpusRoot, target.Name));
#pragma warning disable RS0030 // a seeded Random on purpose: a smoke failure must reproduce; nothing here is secret
            var random = new Random(20261123);
#pragma warning restore RS0030
            var inputs = 0;
            try
            {
                foreach (var seed in seeds)
                {
                    inputs++;
                    target.Run(seed);
                }

                var scratch = new byte[4096];
                for (var i = 0; i < iterations; i++)
                {
                    var seed = seeds.Count > 0 ? seeds[random.Next(seeds.Count)] : [];
                    var length = Mutate(seed, scratch, random);
                    inputs++;
                    Run(target, scratch.AsSpan(0, length), corpusRoot);
                }

                Console.WriteLine($"{target.Name}: {inputs} inputs, {seeds.Count} seeds, no crash");
            }
            catch (FuzzCrashException crash)
            {
                failures++;
                Console.WriteLine($"{target.Name}: CRASH after {inputs} inputs, input saved to {crash.SavedPath}");
                Console.WriteLine(crash.InnerException);
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static void Run(IFuzzTarget target, ReadOnlySpan<byte> input, string corpusRoot)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception ex)
        {
            var dir = Path.Combine(corpusRoot, "..", "findings", target.Name);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, $"crash-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..16]}");
            File.WriteAllBytes(path, input.ToArray());
            throw new FuzzCrashException(path, ex);
        }
    }

    private static List<byte[]> LoadCorpus(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()
            : [];

    private static int Mutate(byte[] seed, byte[] scratch, Random random)
    {
        var length = Math.Min(seed.Length, scratch.Length);
        seed.AsSpan(0, length).CopyTo(scratch);
        switch (random.Next(6))
        {
            case 0 when length > 0: // flip a few bits
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    scratch[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                return length;
            case 1 when length > 0: // truncate
                return random.Next(length);
            case 2: // extend with random bytes
                var extra = random.Next(1, 64);
                var extended = Math.Min(scratch.Length, length + extra);
                random.NextBytes(scratch.AsSpan(length, extended - length));
                return extended;
            case 3 when length > 1: // push a 16-bit field to an edge value (length fields live there)
                var at = random.Next(length - 1);
                ushort[] edges = [0, 1, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];
                var edge = edges[random.Next(edges.Length)];
                scratch[at] = (byte)(edge >> 8);
                scratch[at + 1] = (byte)edge;
                return length;
            case 4 when length > 0: // overwrite a byte
                scratch[random.Next(length)] = (byte)random.Next(256);
                return length;
            default: // pure noise
                var noise = random.Next(0, 1500);
                random.NextBytes(scratch.AsSpan(0, noise));
                return noise;
        }
    }

    private sealed class FuzzCrashException(string savedPath, Exception inner) : Exception("fuzz target crashed", inner)
    {
        public string SavedPath { get; } = savedPath;
    }
}
