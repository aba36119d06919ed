using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Client.Api;

namespace Conclave.Client.Auth;

/// <summary>
/// Profiles on disk, one JSON file each under <c>{directory}/profiles/</c>. Tokens are secrets: the folders are
/// created 0700 and the files 0600 at creation (never widened then narrowed), and every write goes to a new
/// owner-only file that atomically replaces the old one.
/// </summary>
public sealed partial class ProfileStore
{
    public const string DefaultProfileName = "default";

    /// <summary>Environment variable that moves the configuration folder (default <c>~/.config/conclave</c>).</summary>
    public const string ConfigDirectoryVariable = "CONCLAVE_CONFIG_DIR";

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public ProfileStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    private string ProfilesDirectory => Path.Combine(Directory, "profiles");

    /// <summary>$CONCLAVE_CONFIG_DIR, else $XDG_CONFIG_HOME/conclave, else ~/.config/conclave.</summary>
    public static string DefaultDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(ConfigDirectoryVariable) is { Length: > 0 } configured)
            return configured;
        if (environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
            return Path.Combine(xdg, "conclave");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "conclave");
    }

    /// <summary>Names become file names, so only a safe alphabet is allowed.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public string PathOf(string name)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"'{name}' is not a valid profile name (letters, digits, '.', '_', '-'; at most 64).", nameof(name));
        return Path.Combine(ProfilesDirectory, name + ".json");
    }

    public Profile? Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return null;
        using var stream = File.OpenRead(path);
        try
        {
            var profile = JsonSerializer.Deserialize<Profile>(stream, ConclaveJson.Options)
                ?? throw new InvalidDataException($"Profile file '{path}' is empty.");
            return profile with { Name = name };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Profile file '{path}' is damaged ({ex.Message}); delete it and sign in again.", ex);
        }
    }

    public void Save(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var path = PathOf(profile.Name);
        EnsureDirectory(Directory);
        EnsureDirectory(ProfilesDirectory);
        var temporary = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp";
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        try
        {
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, profile, ConclaveJson.Options);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return false;
        File.Delete(path);
        return true;
    }

    public IReadOnlyList<string> List() =>
        System.IO.Directory.Exists(ProfilesDirectory)
            ? System.IO.Directory.EnumerateFiles(ProfilesDirectory, "*.json")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Where(IsValidName)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    private static void EnsureDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
            return;
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(path);
        else
            System.IO.Directory.CreateDirectory(path, DirectoryMode);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
