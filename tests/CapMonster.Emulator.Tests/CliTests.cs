using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>Command-line parsing, and the built program run as a process.</summary>
public sealed class CliTests
{
    [Fact]
    public void Defaults()
    {
        EmulatorOptions o = EmulatorOptions.Parse([]);
        Assert.Equal(0, o.Port);
        Assert.Empty(o.Keys);
        Assert.Equal((300, 1000), (o.LatencyMinMs, o.LatencyMaxMs));
        Assert.Equal(300, o.TtlSeconds);
        Assert.Equal(100m, o.Balance);
        Assert.Equal(0, o.MinPollIntervalMs);
        Assert.Equal(120, o.MaxPolls);
        Assert.False(o.ExitOnStdinClose);
    }

    [Fact]
    public void Every_option_is_parsed()
    {
        EmulatorOptions o = EmulatorOptions.Parse(
        [
            "--port", "5055", "--key", "k1", "--key=k2", "--latency", "2000-6000", "--ttl", "60", "--balance", "12.34",
            "--min-poll-interval", "2000", "--max-polls", "10", "--seed", "7", "--log-limit", "99", "--observed-statuses",
            "--content-type", "text/plain", "--user-agent", "UA", "--exit-on-stdin-close", "--verbose",
        ]);
        Assert.Equal(5055, o.Port);
        Assert.Equal(["k1", "k2"], o.Keys);
        Assert.Equal((2000, 6000), (o.LatencyMinMs, o.LatencyMaxMs));
        Assert.Equal(60, o.TtlSeconds);
        Assert.Equal(12.34m, o.Balance);
        Assert.Equal(2000, o.MinPollIntervalMs);
        Assert.Equal(10, o.MaxPolls);
        Assert.Equal(7, o.Seed);
        Assert.Equal(99, o.LogLimit);
        Assert.True(o.ObservedStatuses);
        Assert.Equal("text/plain", o.ContentType);
        Assert.Equal("UA", o.UserAgent);
        Assert.True(o.ExitOnStdinClose);
        Assert.True(o.Verbose);
        Assert.Equal((500, 500), (EmulatorOptions.Parse(["--latency", "500"]).LatencyMinMs, EmulatorOptions.Parse(["--latency", "500"]).LatencyMaxMs));
        Assert.True(EmulatorOptions.Parse(["--help"]).ShowHelp);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port")]
    [InlineData("--port", "70000")]
    [InlineData("--latency", "6000-2000")]
    [InlineData("--latency", "a-b")]
    [InlineData("--ttl", "0")]
    [InlineData("--balance", "-1")]
    [InlineData("--max-polls", "0")]
    [InlineData("--key", "a__b")]
    public void Bad_arguments_throw(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(args));
    }

    [Fact]
    public async Task Program_prints_its_url_serves_and_stops_when_stdin_closes()
    {
        string dll = FindEmulatorDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "--port", "0", "--key", "cli-test-key", "--balance", "42.5", "--exit-on-stdin-close" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            string? first = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(first);
            Assert.Matches(new Regex(@"^http://127\.0\.0\.1:\d+$"), first);

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(first + "/") };
            using var content = new StringContent("{\"clientKey\":\"cli-test-key\"}", Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await http.PostAsync(new Uri("getBalance", UriKind.Relative), content, timeout.Token);
            using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            Assert.Equal(0, doc.RootElement.GetProperty("errorId").GetInt32());
            Assert.Equal(42.5m, doc.RootElement.GetProperty("balance").GetDecimal());

            // The default key is not accepted once --key is given.
            using var other = new StringContent("{\"clientKey\":\"" + EmulatorOptions.DefaultKey + "\"}");
            using HttpResponseMessage denied = await http.PostAsync(new Uri("getBalance", UriKind.Relative), other, timeout.Token);
            Assert.Contains("ERROR_KEY_DOES_NOT_EXIST", await denied.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, (await process.StandardOutput.ReadToEndAsync(timeout.Token)).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Program_rejects_bad_arguments_with_exit_code_2()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindEmulatorDll());
        start.ArgumentList.Add("--nope");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--nope", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_lists_the_task_types_as_the_control_api_does_and_exits()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { FindEmulatorDll(), "--list-task-types", "--latency", "2000-6000" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        using JsonDocument listed = JsonDocument.Parse(output);
        using JsonDocument expected = JsonDocument.Parse(TaskRules.Listing(2000, 6000, EmulatorOptions.DefaultUserAgent));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, listed.RootElement), output);
        Assert.Equal(TaskTypeTable.Rows.Length, listed.RootElement.GetArrayLength());
        Assert.True(EmulatorOptions.Parse(["--list-task-types"]).ListTaskTypes);
    }

    /// <summary>The emulator's dll next to its runtimeconfig (the test output, else the emulator's own bin).</summary>
    private static string FindEmulatorDll()
    {
        string beside = typeof(EmulatorServer).Assembly.Location;
        if (File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Emulator", "CapMonster.Emulator.csproj")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        string candidate = Path.Combine(dir.FullName, "src", "Emulator", "bin", configuration, "net10.0", "CapMonster.Emulator.dll");
        Assert.True(File.Exists(candidate), "emulator not built: " + candidate);
        return candidate;
    }
}
