namespace LeadMarket.Domain.Intake;

/// <summary>Reads the reference lists embedded from Intake/Data (their sources and licences: Intake/Data/NOTICE.md).</summary>
internal static class ReferenceData
{
    /// <summary>The non-empty lines of an embedded list, trimmed.</summary>
    public static IEnumerable<string> Lines(string fileName)
    {
        var name = $"LeadMarket.Domain.Intake.Data.{fileName}";
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded list {name} is missing from the Domain assembly.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
