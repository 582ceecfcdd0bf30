import type { CorpusDoc } from './corpus-types.js';

const o = (id: string, text: string) => ({ id, text, optional: true });
const list = (prefix: string, texts: string[]) => texts.map((text, i) => ({ id: `${prefix}${i + 1}`, text }));

/** Outlines of genner-lab/Molecular-Lab-Protocols wet-lab protocols, written before importing them. */
export const GENNER_EXPECTED: CorpusDoc[] = [
  {
    file: 'genner-sterivex-edna-extraction.md',
    source: 'genner-lab/Molecular-Lab-Protocols',
    title: 'Protocols for eDNA extraction from Sterivex filters',
    roles: [],
    steps: [
      o('b1', 'Wipe down the surfaces with the EBE clean'), o('b2', 'Soak the centrifuge rotors in 10% bleach'), o('b3', 'Mop the floor with 5% bleach solution'),
      o('b4', 'Run the UV lamp for at least 2 h'), o('b5', 'Ensure you have sufficient gloves, towels, tips'),
      ...list('', [
        'Turn on the oven and preheat the AL and AE buffers', 'Label the Sterivex with masking tape', 'Open the Sterivex, add proteinase K and RNase A',
        'Put in the oven shaker to incubate for 2 h', 'Place an inverted microcentrifuge tube over the Sterivex inlet and flip', 'Centrifuge for 1 min at 4,000 g',
        'Remove the Sterivex with sterilised tweezers and discard', 'Centrifuge the sample at 13,000 g to collect debris', 'Transfer supernatant to a new tube',
        'Centrifuge again for 3 min at 20,000 g', 'Transfer 350 µL of supernatant to a new tube', 'Prepare a mastermix of buffer AL and ethanol',
        'Add 700 µL of this mastermix to your supernatant and vortex', 'Add 525 µL of this mixture to the DNeasy spin column', 'Centrifuge for 1.5 min at 13,000 g',
        'Remove the column and pipette out the liquid from the collection tube', 'Repeat to pass another 525 µL through the column', 'Discard collection tube and place column in new collection tube',
        'Add 600 µL buffer AW1 to the spin column and centrifuge', 'Discard collection tube and contents, place column in new collection tube', 'Add 600 µL buffer AW2 to the spin column and centrifuge',
        'Use a pipette to remove the liquid from the collection tube', 'Centrifuge the spin column and empty collection tube again for 3 min', 'Transfer the column to a new tube with the cap cut off',
        'Open the spin column cap for 2 min to evaporate ethanol', 'Add 105 µL of the pre-warmed AE elution buffer', 'Close caps and incubate in the oven at 56°C for 5 mins',
        'Centrifuge the spin column at 13,000 g to release the DNA', 'For low yield samples, pipette the eluate back into the spin column and repeat step 28',
      ]),
      ...list('p', ['Pass the eluted DNA through a Zymo OneStep PCR Inhibitor removal column', 'Transfer the eluate into a labelled LoBind tube for long term storage',
        'Nanodrop 1 µL and record DNA concentration', 'Freeze in the eDNA freezer in a well labelled box', 'Clean the lab again']),
    ].map((s) => (s.id === '17' ? { ...s, decisions: ['12'], optionalDecisions: ['13', '14'] } : s.id === '29' ? { ...s, decisions: ['28'] } : s)),
    optionalTimers: [{ amount: 2, unit: 'hour' }, { amount: 1, unit: 'hour' }, { amount: 1, unit: 'minute' }, { amount: 3, unit: 'minute' }, { amount: 2, unit: 'minute' }, { amount: 5, unit: 'minute' }],
    notSteps: ['DNeasy Blood & Tissue Kit', 'RNase A', 'ALWAYS use filter tips', 'ALWAYS number every tube', 'Absolute ethanol'],
    convert: ['pdf'],
  },
  {
    file: 'genner-pcr-dna-barcoding.md',
    source: 'genner-lab/Molecular-Lab-Protocols',
    title: 'Protocol for PCR amplifying and sequencing COI and 12S DNA barcodes',
    roles: [],
    steps: [
      o('w1', 'Make working stock solutions in the eDNA lab'), o('w2', 'Make aliquots of the polymerase mastermix'), o('w3', 'Make aliquots of molecular grade water'),
      o('w4', 'Prepare stocks of primers at 10 µM and 2 µM'), o('r1', 'Wipe down the bench with the EBE clean'), o('r2', 'Ensure you have sufficient gloves, towels, tips'),
      o('r3', 'Defrost reagents to room temperature'),
      ...list('s', ['Mix reagents for all samples plus controls in a microcentrifuge tube', 'Vortex the supermix thoroughly', 'Normalise your DNA extracts to 50 ng/µL',
        'Add 19 µL of the supermix into the PCR strip tubes', 'Add 1 µL of the normalised DNA template to each well', 'Number and write on the caps',
        'Spin down tubes', 'Take to the PCR machines', 'Eppendorf machines: tubes fit snugly in the small holes', 'Put one empty tube in each corner of the block',
        'Program the machine according to your gene target']),
      ...list('g', ['Prepare a 1% agarose gel', 'Load DNA Ladder III into the first well', 'Load 2 µL of each PCR product into the wells', 'Run the gel at 100v for 30-45 mins',
        'Visualise in the UV hood', 'Reduce the number of cycles for non-specific amplification', 'Re-cap the PCR tubes and store in the fridge']),
      ...list('p', ['Pipette 15 µL of PCR product into a new tube and add DNA binding buffer', 'Insert a Zymo spin column into a new tube', 'Pipette the mixture into the spin column',
        'Centrifuge at top speed for 1 min and transfer the column', 'Add 200 µL of DNA wash buffer', 'Centrifuge and pipette out the wash buffer',
        'Repeat wash with 200 µL of DNA wash buffer', 'Centrifuge dry for 2 min', 'Transfer column to a new tube and leave cap open for 2 min', 'Add 15 µL EB buffer onto the column matrix',
        'Incubate at room temp for 1 min', 'Centrifuge for 1 min', 'Transfer to a new labelled tube', 'Quantify 1 µL on the nanodrop']),
      ...list('q', ['Follow the instructions for submitting samples for sequencing with Eurofins kits', 'Required DNA concentration for Mix2Seq is 5 ng/µL', 'Add 75 ng to the Mix2Seq tube and dilute',
        'Add 2 µL of the sequencing primer', 'Write the Mix2Seq barcode ID codes in your lab book', 'Seal and put the Mix2Seq tubes in a plastic baggy',
        'Place in a padded envelope with the Eurofins address', 'Take the envelope to Biomedical Sciences stores', 'Sequencing results will be emailed within 48 hours']),
    ],
    optionalTimers: [{ amount: 48, unit: 'hour' }, { amount: 1, unit: 'week' }, { amount: 1, unit: 'minute' }, { amount: 2, unit: 'minute' }, { amount: 45, unit: 'minute' }, { amount: 30, unit: 'minute' }, { amount: 5, unit: 'minute' }, { amount: 30, unit: 'second' }, { amount: 45, unit: 'second' }],
    notSteps: ['Polymerase mastermix', 'Primers', 'DNA template', 'GoTaq mastermix', 'Initial denaturation', 'Aa22-12SF', 'GoTaq G2 master mix (green)', 'Zymo spin IC columns'],
  },
];
