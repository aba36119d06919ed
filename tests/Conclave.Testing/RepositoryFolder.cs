namespace Conclave.Testing;

/// <summary>The checkout the tests run from: the folder holding <c>Conclave.slnx</c>, above the test binaries.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conclave.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Conclave.slnx not found above " + AppContext.BaseDirectory);
    }
}
