using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into a temp folder, started with pg_ctl on a free loopback port (its
/// unix socket in the same folder), stopped and deleted on dispose. PostgreSQL refuses to run as root, so when the
/// tests run as root the server runs as the <c>postgres</c> OS user. Anything missing fails with a message that
/// says what to install or change: these tests never skip silently.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string binDirectory;
    private readonly string root;
    private readonly string? runAs;

    private PostgresServer(string binDirectory, string root, string? runAs, int port)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        this.runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(root, "data");

    private string LogFile => Path.Combine(root, "server.log");

    /// <summary>A connection string for <paramref name="database"/> as the trusted superuser over TCP.</summary>
    public string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Starts a cluster with an empty database of the given name.</summary>
    public static async Task<PostgresServer> StartAsync(string database)
    {
        var bin = Environment.GetEnvironmentVariable("LEADMARKET_PG_BIN") ?? DefaultBinDirectory;
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(bin, tool)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is needed for these tests but '{Path.Combine(bin, tool)}' does not exist. Install PostgreSQL 15 " +
                    "(apt-get install postgresql-15) or point LEADMARKET_PG_BIN at the folder holding initdb, pg_ctl and postgres.");
            }
        }

        var runAs = RunAsUser();
        var root = Directory.CreateTempSubdirectory("leadmarket-pg-").FullName;
        var server = new PostgresServer(bin, root, runAs, FreePort());
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", $"{runAs}:", root], root);
            }

            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]);

            // Throw-away data: no fsync. Short deadlock_timeout so that a deadlock between nodes is found quickly.
            var options = string.Join(' ',
                $"-k {root}", "-c listen_addresses=127.0.0.1", $"-p {server.Port}", "-c max_connections=300", "-c fsync=off",
                "-c synchronous_commit=off", "-c full_page_writes=off", "-c deadlock_timeout=100ms");
            await server.RunToolAsync("pg_ctl", ["-D", server.DataDirectory, "-l", server.LogFile, "-o", options, "-w", "-t", "60", "start"]);
            await server.WaitUntilReadyAsync();
            await server.CreateDatabaseAsync(database);
            return server;
        }
        catch (Exception ex)
        {
            var log = server.ReadLog();
            await server.DisposeAsync();
            throw new InvalidOperationException($"Could not start a throw-away PostgreSQL server: {ex.Message}\nServer log:\n{log}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                await connection.OpenAsync();
                await using var cmd = new NpgsqlCommand("SELECT 1", connection);
                await cmd.ExecuteScalarAsync();
                return;
            }
            catch (Exception ex) when ((ex is NpgsqlException or SocketException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
        }
        catch (IOException ex)
        {
            return $"(server log unreadable: {ex.Message})";
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        return runAs is null
            ? RunAsync(path, arguments, root)
            : RunAsync("runuser", ["-u", runAs, "--", path, .. arguments], root);
    }

    /// <summary>Null when not root; the OS user to run PostgreSQL as when root; an error when root and there is none.</summary>
    private static string? RunAsUser()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new InvalidOperationException("The PostgreSQL tests start a local cluster with initdb/pg_ctl and need Linux or macOS.");
        }

        if (Environment.UserName != "root")
        {
            return null;
        }

        var users = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd") : [];
        if (!users.Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "The tests run as root, and PostgreSQL refuses to run as root, but there is no 'postgres' OS user to run it as. " +
                "Create one (useradd --system postgres) or run the tests as an ordinary user.");
        }

        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
        {
            throw new InvalidOperationException(
                "The tests run as root and need 'runuser' (util-linux) to start PostgreSQL as the 'postgres' user; install util-linux or run the tests as an ordinary user.");
        }

        return "postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {CommandTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
