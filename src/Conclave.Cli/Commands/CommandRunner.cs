using Conclave.Cli.Cmdlets;
using Conclave.Client.Api;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>Runs a verb and turns its failure into one line on stderr and the exit code scripts rely on.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            environment.Error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (UsageException ex)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (ProfileNotSignedInException ex)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (ParameterBindingException ex)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (ServerUnreachableException ex)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Unreachable;
        }
        catch (ApiProblemException ex)
        {
            environment.Error.WriteLine($"{ex.Code}: {ex.Detail ?? ex.Title}");
            return ExitCodes.Refused;
        }
        catch (OAuthException ex)
        {
            environment.Error.WriteLine($"{ex.DisplayCode}: {ex.Description ?? ex.Error}");
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or System.Security.Cryptography.CryptographicException)
        {
            environment.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
    }
}
