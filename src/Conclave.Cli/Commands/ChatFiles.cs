using System.CommandLine;
using Conclave.Cli.Output;
using Conclave.Client.Chat;

namespace Conclave.Cli.Commands;

/// <summary>
/// Files of <c>conclave chat</c>: the uploads of <c>send --file</c> and <c>download CHAT FILE [--output PATH]</c>
/// (docs/api.md, "Files"), streamed both ways, with progress on stderr for files over <see cref="ProgressFrom"/>.
/// </summary>
internal static class ChatFiles
{
    /// <summary>The most files one message carries (the server's limit).</summary>
    public const int MaxFiles = 10;

    /// <summary>Files from this size on show their progress: smaller ones are done before it would matter.</summary>
    public const long ProgressFrom = 1024 * 1024;

    /// <summary>Refuses, before anything is sent, paths that are not readable files and too many of them.</summary>
    public static void CheckPaths(IReadOnlyList<string> paths)
    {
        if (paths.Count > MaxFiles)
        {
            throw new UsageException($"A message carries at most {MaxFiles} files.");
        }

        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"No file at '{path}'.");
            }
        }
    }

    /// <summary>Uploads each file to the chat, in order; answers their ids.</summary>
    public static async Task<IReadOnlyList<Guid>> UploadAsync(
        CliEnvironment environment, ChatApi api, Guid chatId, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(paths.Count);
        foreach (var path in paths)
        {
            await using var content = File.OpenRead(path);
            var name = Path.GetFileName(path);
            var progress = content.Length >= ProgressFrom ? new Progress(environment, $"Uploading {name}", content.Length) : null;
            var file = await api.UploadFileAsync(chatId, name, content, progress, null, cancellationToken);
            progress?.Done();
            ids.Add(file.FileId);
        }

        return ids;
    }

    public static Command Download(CliEnvironment environment, GlobalOptions global)
    {
        var chat = new Argument<string>("CHAT") { Description = "A chat id, or a UPN for your one-to-one chat with that person." };
        var fileId = new Argument<Guid>("FILE") { Description = "The file's id (shown by `conclave chat history`)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write it: a file path, or a folder for the file's own name (default: the current folder). An existing file is not overwritten.",
            HelpName = "PATH",
        };
        var command = new Command("download", "Download a file of a chat (streamed; progress on stderr for large files).") { chat, fileId, output };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = ChatCommand.Open(environment, global, result);
            var api = new ChatApi(session.Api);
            var chatId = await ChatCommand.ResolveAsync(api, result.GetValue(chat)!, create: false, cancellationToken);
            var target = result.GetValue(output);
            var folder = target is null ? Environment.CurrentDirectory : System.IO.Directory.Exists(target) ? target : null;
            // Written beside its destination first, so that a refused or broken download leaves no partial file behind.
            var partial = Path.Combine(folder ?? Path.GetDirectoryName(Path.GetFullPath(target!))!, $".conclave-download-{Guid.NewGuid():N}");
            string destination;
            long bytes;
            try
            {
                await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                {
                    var progress = new Progress(environment, "Downloading", null);
                    (var name, bytes) = await api.DownloadFileAsync(chatId, result.GetValue(fileId), stream, progress, cancellationToken);
                    progress.Done();
                    destination = folder is null ? target! : Path.Combine(folder, SafeName(name, result.GetValue(fileId)));
                }

                if (File.Exists(destination))
                {
                    throw new UsageException($"'{destination}' exists already; give another --output.");
                }

                File.Move(partial, destination);
            }
            finally
            {
                File.Delete(partial);
            }

            new ResultWriter(environment, global.Format(result)).Write(new { Path = destination, Bytes = bytes }, ["path", "bytes"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The server's name for the file as a plain name in the folder (never a path), or the file's id.</summary>
    private static string SafeName(string? name, Guid fileId)
    {
        var plain = Path.GetFileName(name ?? "");
        return string.IsNullOrWhiteSpace(plain) || plain is "." or ".." || plain.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? fileId.ToString("D") : plain;
    }

    /// <summary>Bytes so far on stderr, one line per tenth (or per MiB when the size is unknown) so logs stay short.</summary>
    private sealed class Progress(CliEnvironment environment, string what, long? total) : IProgress<long>
    {
        private long _shown = -1;
        private long _last;

        public void Report(long value)
        {
            _last = value;
            var step = total is > 0 ? value * 10 / total.Value : value / ProgressFrom;
            if (step == _shown || (total is null && value < ProgressFrom))
            {
                return;
            }

            _shown = step;
            environment.Error.WriteLine(total is > 0 ? $"{what}: {value * 100 / total.Value}% ({value:N0} of {total.Value:N0} bytes)" : $"{what}: {value:N0} bytes");
        }

        public void Done()
        {
            if (_shown >= 0)
            {
                environment.Error.WriteLine($"{what}: done ({_last:N0} bytes)");
            }
        }
    }
}
