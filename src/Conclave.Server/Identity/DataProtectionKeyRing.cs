using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Conclave.Server.Identity;

/// <summary>
/// The ASP.NET Core data-protection key ring (session cookies, anti-forgery tokens, the encrypted
/// authenticator keys of <see cref="Identity.UserSecretProtector"/>): XML files in
/// <c>dataprotection-keys</c> of the data folder, to be backed up with the database.
/// </summary>
/// <remarks>
/// The protection boundary of the key ring is the owner-only data folder, as it is for the TLS key,
/// the token keys and the database that sit next to it. Linux has no DPAPI, and encrypting the ring
/// with a key kept in the same folder would stop no one who can read the folder while suggesting
/// it does. So the keys are stored unencrypted on purpose (declared with the null encryptor, which
/// also replaces the framework's start-up warning about an unconfigured encryptor), in files owner
/// read/write only inside a folder owner-only (tested). An operator who wants more puts the data
/// folder on an encrypted volume.
/// </remarks>
public static class DataProtectionKeyRing
{
    public const string FolderName = "dataprotection-keys";

    public static void Add(IServiceCollection services, string dataPath)
    {
        var folder = Path.Combine(dataPath, FolderName);
        if (!OperatingSystem.IsWindows() && !System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection()
            .SetApplicationName("Conclave")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new NullXmlEncryptor());
    }
}
