using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using LeadMarket.Web.Resources;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>Every text exists in English and German, none is empty, and both take the same placeholders.</summary>
public sealed partial class ResourceCompletenessTests
{
    public static TheoryData<string> ResourceTypes => new() { nameof(UiText), nameof(AccountText), nameof(BidText), nameof(AdminIntakeText), nameof(IntakeText), nameof(DeskText), nameof(IntakeUploadText), nameof(DoiText) };

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void English_and_German_resources_have_the_same_keys_none_empty_with_the_same_placeholders(string name)
    {
        var type = typeof(UiText).Assembly.GetType($"LeadMarket.Web.Resources.{name}")!;
        var manager = new ResourceManager(type);
        var english = Read(manager, CultureInfo.InvariantCulture);
        var german = Read(manager, CultureInfo.GetCultureInfo("de"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(german.Keys).Order());
        Assert.Empty(german.Keys.Except(english.Keys).Order());
        Assert.Empty(english.Concat(german).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        Assert.Empty(english.Keys.Where(k => !Placeholders(english[k]).SetEquals(Placeholders(german[k]))).Order());
    }

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
    {
        // Only this culture's own file (no fall-back to the English one), read from the built assemblies.
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture.Name} resources for {manager.BaseName}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
