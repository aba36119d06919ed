using Conclave.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Files;

/// <summary>Files in chats and channels (docs/api.md, "Files"): the API at <see cref="FilesEndpoints.Path"/>; messages attach them (Chat).</summary>
public static class FilesModule
{
    /// <summary>The file services; the encrypted files are kept under <paramref name="dataPath"/>/files unless Conclave:Files:Folder says otherwise.</summary>
    public static IServiceCollection AddConclaveFiles(this IServiceCollection services, string dataPath)
    {
        services.AddValidatedOptions<ChatFileOptions>(ChatFileOptions.Section);
        services.AddSingleton<IFileStore>(provider =>
        {
            var folder = provider.GetRequiredService<IOptions<ChatFileOptions>>().Value.Folder;
            return new DataFolderFileStore(string.IsNullOrWhiteSpace(folder) ? Path.Combine(dataPath, "files") : folder);
        });
        services.AddScoped<ChatFileAccess>();
        services.AddScoped<FileService>();
        return services;
    }

    /// <summary>Maps the file API (on a group that requires authorization).</summary>
    public static void MapConclaveFiles(this IEndpointRouteBuilder app) => app.MapFilesEndpoints();
}
