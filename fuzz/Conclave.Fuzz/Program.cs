using Conclave.Fuzz;

const string Usage = """
    conclave-fuzz: fuzz harnesses for Conclave's parsers

    Usage:
      conclave-fuzz list                         list the targets
      conclave-fuzz smoke [--iterations N] [T]   run every target (or T) over its corpus and N seeded mutations
      conclave-fuzz afl TARGET                   run TARGET under AFL++ (see fuzz/README.md)
      conclave-fuzz libfuzzer TARGET             run TARGET under libFuzzer (see fuzz/README.md)
    """;

var corpusRoot = Path.Combine(AppContext.BaseDirectory, "corpus");
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

switch (args[0])
{
    case "list":
        foreach (var target in FuzzTargets.All)
        {
            Console.WriteLine(target.Name);
        }

        return 0;
    case "smoke":
        var iterations = 20_000;
        var only = new List<IFuzzTarget>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--iterations" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n))
            {
                iterations = n;
                i++;
            }
            else if (FuzzTargets.Find(args[i]) is { } t)
            {
                only.Add(t);
            }
            else
            {
                Console.Error.WriteLine($"unknown target or option '{args[i]}'");
                return 2;
            }
        }

        return SmokeRun.Execute(corpusRoot, iterations, only.Count > 0 ? only : FuzzTargets.All);
    case "afl" or "libfuzzer" when args.Length == 2:
        if (FuzzTargets.Find(args[1]) is not { } chosen)
        {
            Console.Error.WriteLine($"unknown target '{args[1]}'; 'conclave-fuzz list' shows them");
            return 2;
        }

        if (args[0] == "afl")
        {
            SharpFuzz.Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                chosen.Run(buffer.ToArray());
            });
        }
        else
        {
            SharpFuzz.Fuzzer.LibFuzzer.Run(span => chosen.Run(span));
        }

        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
