// The clinic this portal belongs to (name, phone, address), loaded once and
// shared: the header, page titles and "call us" hints use it.
import { createContext, useContext, type ReactNode } from 'react';
import { z } from 'zod';
import { useResource } from './fetch-json.ts';

const clinicSchema = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  timeZone: z.string(),
  addressLines: z.array(z.string()),
});

export type ClinicSummary = z.infer<typeof clinicSchema>;

const ClinicContext = createContext<ClinicSummary | undefined>(undefined);

export function ClinicProvider({ children }: { children: ReactNode }) {
  const clinic = useResource('/api/v1/clinic', clinicSchema);
  return (
    <ClinicContext.Provider value={clinic.status === 'ready' ? clinic.data : undefined}>
      {children}
    </ClinicContext.Provider>
  );
}

/** Undefined while loading, or when the clinic is not set up yet. */
export function useClinic(): ClinicSummary | undefined {
  return useContext(ClinicContext);
}
