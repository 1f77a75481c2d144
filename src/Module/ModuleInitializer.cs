using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace CapMonster
{
    /// <summary>
    /// Loads the module's own copies of System.Text.Json and its dependencies from <c>dependencies/</c> by simple
    /// name, whatever version is asked for. Windows PowerShell 5.1 has no binding redirects for them, so without
    /// this it fails on e.g. System.Runtime.CompilerServices.Unsafe 4.0.4.1 while 6.0.0.0 ships. On PowerShell 7
    /// the handler only runs after normal resolution failed, which it never does for these framework assemblies.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        // Matched case-insensitively; the file keeps this spelling, which matters on case-sensitive disks. A plain
        // array, not a dictionary: import time counts, and eight names are searched in no time.
        private static readonly string[] RedirectedNames =
        [
            "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "System.Buffers",
            "System.Runtime.CompilerServices.Unsafe", "System.Numerics.Vectors",
            "System.Threading.Tasks.Extensions", "Microsoft.Bcl.AsyncInterfaces",
        ];

        /// <summary>Registers the resolver when the module is imported; nothing else happens at import.</summary>
        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        /// <summary>Removes the resolver when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string directory = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");
            string? path = DependencyPath(args.Name, directory, File.Exists);
            return path is null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The file to load for a requested assembly name: one of the redirected names, matched case-insensitively
        /// and ignoring version, culture and key, that exists in <paramref name="directory"/>; otherwise null.
        /// </summary>
        internal static string? DependencyPath(string requestedName, string directory, Func<string, bool> fileExists)
        {
            string? simpleName;
            try
            {
                simpleName = new AssemblyName(requestedName).Name;
            }
            catch (Exception e) when (e is ArgumentException or FileLoadException)
            {
                return null;
            }
            string? fileName = simpleName is null ? null : Array.Find(RedirectedNames, n => string.Equals(n, simpleName, StringComparison.OrdinalIgnoreCase));
            if (fileName is null)
            {
                return null;
            }
            string path = Path.Combine(directory, fileName + ".dll");
            return fileExists(path) ? path : null;
        }
    }
}
