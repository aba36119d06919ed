namespace Conclave.Protocols.Tests.Sdp;

/// <summary>Captured SDP under tests/Conclave.Protocols.Tests/testdata/, found from the test binary's folder upwards.</summary>
internal static class SdpTestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder(), name));

    public static string Folder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "testdata");
            if (File.Exists(Path.Combine(candidate, "chromium-offer.sdp")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("testdata with chromium-offer.sdp not found above " + AppContext.BaseDirectory);
    }
}
