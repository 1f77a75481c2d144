using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace CapMonster.Emulator;

/// <summary>Command-line entry: prints the base URL as the first stdout line, runs until Ctrl+C, SIGTERM, SIGQUIT or (with --exit-on-stdin-close) stdin EOF.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (options.ShowHelp)
        {
            Console.Out.WriteLine(EmulatorOptions.Usage);
            return 0;
        }

        if (options.ListTaskTypes)
        {
            using Stream stdout = Console.OpenStandardOutput();
            stdout.Write(TaskRules.Listing(options.LatencyMinMs, options.LatencyMaxMs, options.UserAgent, indented: true));
            stdout.Write("\n"u8);
            return 0;
        }

        if (options.ShowVersion)
        {
            Console.Out.WriteLine(Version);
            return 0;
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync("Cannot listen: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                server.RequestStop();
            }

            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using PosixSignalRegistration sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
            if (options.ExitOnStdinClose)
            {
                var watcher = new Thread(() => WatchStdin(server)) { IsBackground = true, Name = "stdin watcher" };
                watcher.Start();
            }

            // Only now, with the handlers in place, may a parent read the address and signal us.
            Console.Out.WriteLine(server.BaseAddress);
            Console.Out.Flush();

            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The package version the build stamped into the assembly.</summary>
    private static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Reads stdin to its end (a parent that dies closes it), then stops the server.</summary>
    private static void WatchStdin(EmulatorServer server)
    {
        try
        {
            using Stream stdin = Console.OpenStandardInput();
            byte[] buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // Input is ignored; only end of file matters.
            }
        }
        catch (IOException)
        {
            // A broken stdin counts as closed.
        }

        server.RequestStop();
    }
}
