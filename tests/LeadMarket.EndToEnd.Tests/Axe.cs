using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace LeadMarket.EndToEnd.Tests;

/// <summary>
/// axe-core in the page: installed from npm once per test run into the test's output folder (never the repo),
/// injected as a script tag, run over the whole document. Only serious and critical findings count.
/// </summary>
public static class Axe
{
    private static readonly Lazy<Task<string>> Script = new(InstallAsync);

    /// <summary>Runs axe on the page as it stands and answers its serious and critical violations, one line each.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = await Script.Value });
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var found = new List<string>();
        foreach (var violation in result.GetProperty("violations").EnumerateArray())
        {
            var impact = violation.GetProperty("impact").GetString();
            if (impact is not ("serious" or "critical"))
            {
                continue;
            }

            var targets = violation.GetProperty("nodes").EnumerateArray()
                .Take(5)
                .Select(n => string.Join(" ", n.GetProperty("target").EnumerateArray().Select(t => t.ToString())));
            found.Add($"{violation.GetProperty("id").GetString()} ({impact}): {string.Join(" | ", targets)}");
        }

        return found;
    }

    private static async Task<string> InstallAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "axe");
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        if (File.Exists(script))
        {
            return script;
        }

        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("npm", ["install", "axe-core@4", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started.");
        var output = new StringBuilder();
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        output.Append(await stdout).Append(await stderr);
        if (npm.ExitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException($"`npm install axe-core@4` failed ({npm.ExitCode}): {output}");
        }

        return script;
    }
}
