using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Resources;

namespace CapMonster
{
    /// <summary>
    /// The catalog's words: each entry's title, description and action under the keys <c>CODE.Title</c>,
    /// <c>CODE.Description</c>, <c>CODE.Action</c>, and <c>GenericAction</c>, in ErrorCatalogText.resx (English) and a
    /// satellite per language (ErrorCatalogText.ru.resx). A culture without its own text falls back as .NET resources
    /// do (ru-UA to ru, anything else to English).
    /// </summary>
    internal sealed class CatalogText
    {
        private const string BaseName = "CapMonster.Errors.ErrorCatalogText";
        private readonly Func<string, CultureInfo, string?> lookup;

        internal CatalogText(Func<string, CultureInfo, string?> lookup, IReadOnlyList<CultureInfo> languages)
        {
            this.lookup = lookup;
            Languages = languages;
        }

        /// <summary>The resources compiled into the module and the satellites beside it.</summary>
        internal static CatalogText FromResources()
        {
            Assembly assembly = typeof(CatalogText).Assembly;
            var resources = new ResourceManager(BaseName, assembly);
            return new CatalogText(resources.GetString, [CultureInfo.InvariantCulture, .. SatelliteCultures(assembly)]);
        }

        /// <summary>The neutral (English) text first, then every language a satellite assembly is installed for.</summary>
        internal IReadOnlyList<CultureInfo> Languages { get; }

        internal string Title(string code, CultureInfo culture) => Get(code + ".Title", culture);

        internal string Description(string code, CultureInfo culture) => Get(code + ".Description", culture);

        internal string Action(string code, CultureInfo culture) => Get(code + ".Action", culture);

        internal string GenericAction(CultureInfo culture) => Get("GenericAction", culture);

        private string Get(string key, CultureInfo culture) =>
            lookup(key, culture) ?? throw new InvalidDataException("The error catalog has no text " + key + ".");

        /// <summary>
        /// The cultures of the folders beside the module holding its satellite (ru/CapMonster.resources.dll): the
        /// languages Resolve-CapMonsterError finds titles in. Adding a language adds a folder, so no list is kept.
        /// </summary>
        private static List<CultureInfo> SatelliteCultures(Assembly assembly)
        {
            string? directory = string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);
            if (directory is null || !Directory.Exists(directory))
            {
                return [];
            }
            string satellite = assembly.GetName().Name + ".resources.dll";
            return Directory.EnumerateDirectories(directory)
                .Where(d => File.Exists(Path.Combine(d, satellite)))
                .Select(d => Culture(Path.GetFileName(d)))
                .OfType<CultureInfo>()
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
        }

        private static CultureInfo? Culture(string name)
        {
            try
            {
                return CultureInfo.GetCultureInfo(name);
            }
            catch (CultureNotFoundException)
            {
                return null;
            }
        }
    }
}
